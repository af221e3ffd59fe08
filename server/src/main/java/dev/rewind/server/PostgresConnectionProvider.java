package dev.rewind.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.quartz.utils.ConnectionProvider;

/**
 * The connection provider of Quartz's JDBC job store: plain PostgreSQL JDBC connections, one per Quartz transaction
 * (the job store needs a handful per minute; no pool library). Quartz sets {@code url}, {@code user} and
 * {@code password} as bean properties. {@link #initialize()} creates Quartz's tables from the script Quartz ships
 * ({@code tables_postgres.sql}) when {@code qrtz_locks} is missing, under a PostgreSQL advisory lock so that replicas
 * starting together do not race.
 */
public final class PostgresConnectionProvider implements ConnectionProvider {
    static final String SCHEMA_SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    private static final long SCHEMA_LOCK = 0x7265_7769_6e64L; // "rewind"

    private String url;
    private String user;
    private String password = "";

    public void setUrl(String url) {
        this.url = url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "rewind-server");
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public void initialize() throws SQLException {
        try (Connection connection = getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_lock(" + SCHEMA_LOCK + ")");
            try {
                if (!tableExists(connection, "qrtz_locks")) {
                    connection.setAutoCommit(false);
                    statement.execute(schemaScript());
                    connection.commit();
                    connection.setAutoCommit(true);
                }
            } finally {
                statement.execute("select pg_advisory_unlock(" + SCHEMA_LOCK + ")");
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static String schemaScript() throws SQLException {
        try (InputStream in = PostgresConnectionProvider.class.getClassLoader().getResourceAsStream(SCHEMA_SCRIPT)) {
            if (in == null) {
                throw new SQLException("Quartz schema script " + SCHEMA_SCRIPT + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*COMMIT;\\s*$", "");
        } catch (IOException e) {
            throw new SQLException("cannot read " + SCHEMA_SCRIPT, e);
        }
    }

    @Override
    public void shutdown() {
        // connections are closed by Quartz after each use; nothing is pooled
    }
}
