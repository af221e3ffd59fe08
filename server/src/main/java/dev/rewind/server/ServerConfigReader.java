package dev.rewind.server;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@link ServerConfig} from an optional YAML file, then applies environment overrides:
 * <ul>
 *   <li>{@code REWIND_HTTP_PORT} overrides {@code http.port}</li>
 *   <li>{@code REWIND_HTTP_BIND_ADDRESS} overrides {@code http.bindAddress}</li>
 *   <li>{@code REWIND_SCHEDULER_JDBC_URL} overrides {@code scheduler.jdbcUrl}</li>
 * </ul>
 * Unknown keys, wrong types and out-of-range values fail with {@link Reason#INVALID_INPUT} naming the exact field
 * (or environment variable). Without a file every setting has its default.
 *
 * <pre>
 * http:
 *   port: 8080
 *   bindAddress: 0.0.0.0
 * repositories:                       # Kopia repositories (one per app)
 *   - name: example
 *     url: kopia-repository           # s3://bucket/prefix, /abs/path, or relative to this file
 *     passwordFile: kopia-repository.password
 *     maxSnapshotAge: 26h             # RPO (s, m, h, d suffix or ISO-8601 PT26H)
 *     quickVerify: {cron: "0 0/15 * * * ?"}
 *     deepVerify: {cron: "0 0 3 * * ?", samplePercent: 10}
 * archives:                           # Barman Cloud archives (one per CNPG cluster)
 *   - name: pg-main
 *     url: s3://bucket/cnpg
 *     serverName: pg-main
 *     maxBackupAge: 8d
 *     maxWalAge: 1h
 *     barmanVerify: {cron: "0 0/30 * * * ?"}
 * scheduler:                          # optional: Quartz's clustered JDBC store for several replicas
 *   jdbcUrl: jdbc:postgresql://rewind-rw.rewind:5432/rewind
 *   user: rewind
 *   passwordFile: /secrets/db/password
 * cluster:                            # optional: discover apps and CNPG archives, see ClusterSection
 *   namespaces: [default]
 *   discoveryInterval: 10m
 * drills:                            # optional: scheduled restore drills (docs/runbooks/drills.md)
 *   cron: "0 30 4 * * ?"
 *   sandboxNamespace: rewind-drills
 *   apps: ["default/paperless-ngx"]   # empty or absent: every app in the cluster
 *   timeout: 2h                       # optional RESTORE deadline
 * notifications:
 *   - {type: webhook, url: "https://hooks.example/rewind"}
 *   - {type: ntfy, url: "https://ntfy.sh/my-backups"}
 * </pre>
 */
public final class ServerConfigReader {
    public static final String PORT_ENV = "REWIND_HTTP_PORT";
    public static final String BIND_ADDRESS_ENV = "REWIND_HTTP_BIND_ADDRESS";
    public static final String JDBC_URL_ENV = "REWIND_SCHEDULER_JDBC_URL";

    private static final YAMLMapper YAML = new YAMLMapper();

    private ServerConfigReader() {
    }

    /** Reads the file, if any, and applies the overrides found in {@code env}. */
    public static ServerConfig read(Optional<Path> file, Map<String, String> env) {
        JsonNode root = file.map(ServerConfigReader::parse).orElseGet(YAML::createObjectNode);
        Path base = file.map(f -> f.toAbsolutePath().getParent()).orElseGet(() -> Path.of("").toAbsolutePath());
        return fromTree(root, base, env);
    }

    /** Reads configuration from YAML text; {@code source} names it in errors; relative paths resolve in the cwd. */
    static ServerConfig fromYaml(String yaml, String source, Map<String, String> env) {
        return fromTree(parseText(yaml, source), Path.of("").toAbsolutePath(), env);
    }

    /** Reads configuration from YAML text; relative paths and filesystem URLs resolve against {@code base}. */
    static ServerConfig fromYaml(String yaml, String source, Path base, Map<String, String> env) {
        return fromTree(parseText(yaml, source), base, env);
    }

    private static ServerConfig fromTree(JsonNode root, Path base, Map<String, String> env) {
        checkKeys(root, "", Set.of("http", "repositories", "archives", "notifications", "scheduler", "cluster", "drills"));
        TargetsSection targets = new TargetsSection(base);
        List<RepositoryTarget> repositories = targets.repositories(root.path("repositories"));
        List<ArchiveTarget> archives = targets.archives(root.path("archives"));
        List<NotificationTarget> notifications = TargetsSection.notifications(root.path("notifications"));
        JsonNode http = root.path("http");
        checkKeys(http, "http.", Set.of("port", "bindAddress"));

        String bindAddress = Optional.ofNullable(env.get(BIND_ADDRESS_ENV))
                .map(value -> {
                    ServerConfig.Http.checkBindAddress(value, BIND_ADDRESS_ENV);
                    return value;
                })
                .orElseGet(() -> text(http, "bindAddress", ServerConfig.Http.DEFAULT_BIND_ADDRESS));
        int port = Optional.ofNullable(env.get(PORT_ENV))
                .map(value -> port(value, PORT_ENV))
                .orElseGet(() -> port(http));
        Optional<ClusterStore> cluster = targets.cluster(root.path("scheduler"),
                Optional.ofNullable(env.get(JDBC_URL_ENV)).filter(v -> !v.isBlank()));
        return new ServerConfig(new ServerConfig.Http(bindAddress, port), repositories, archives, notifications,
                cluster, new ClusterSection(base).read(root.path("cluster")), DrillSchedule.read(root.path("drills"),
                PodNamespace.find(env, PodNamespace.IN_CLUSTER_FILE)));
    }

    private static JsonNode parse(Path file) {
        try {
            return parseText(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new RewindException(Reason.INVALID_INPUT, "config error: " + file + ": file not found",
                    "pass an existing file with --config or REWIND_CONFIG", e);
        } catch (IOException e) {
            throw new RewindException(Reason.INVALID_INPUT, "config error: " + file + ": cannot read: "
                    + e.getMessage(), e);
        }
    }

    private static JsonNode parseText(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new RewindException(Reason.INVALID_INPUT, "config error: " + source + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + location(e), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new RewindException(Reason.INVALID_INPUT,
                    "config error: " + source + ": must be a YAML mapping, got " + root.getNodeType());
        }
        return root;
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    static void checkKeys(JsonNode node, String prefix, Set<String> known) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw ServerConfig.invalid(prefix.substring(0, prefix.length() - 1), "must be a mapping");
        }
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ServerConfig.invalid(prefix + name, "unknown setting (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode http, String name, String fallback) {
        JsonNode value = http.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isString()) {
            throw ServerConfig.invalid("http." + name, "must be a string, got " + value.getNodeType());
        }
        return value.asString();
    }

    private static int port(JsonNode http) {
        JsonNode value = http.path("port");
        if (value.isMissingNode() || value.isNull()) {
            return ServerConfig.Http.DEFAULT_PORT;
        }
        if (!value.isIntegralNumber()) {
            throw ServerConfig.invalid("http.port", "must be an integer 0..65535, got " + value);
        }
        ServerConfig.Http.checkPort(value.longValue(), "http.port");
        return value.intValue();
    }

    private static int port(String value, String variable) {
        long port;
        try {
            port = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ServerConfig.invalid(variable, "must be an integer 0..65535, got \"" + value + "\"");
        }
        ServerConfig.Http.checkPort(port, variable);
        return (int) port;
    }
}
