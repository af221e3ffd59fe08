package dev.rewind.server;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated configuration of {@code rewind-server}, read by {@link ServerConfigReader} from one YAML file plus
 * environment overrides (DESIGN.md §7). Invalid values fail at construction with a {@link Reason#INVALID_INPUT}
 * message naming the exact field: {@code config error: http.port: must be 0..65535, got 70000}.
 *
 * @param http          the HTTP listener for probes, metrics, the API and the status page
 * @param repositories  explicitly configured Kopia repositories
 * @param archives      explicitly configured Barman Cloud archives
 * @param notifications where state changes are posted
 * @param cluster       the clustered JDBC job store shared by several replicas; empty: Quartz's RAM job store
 * @param discovery     the Kubernetes cluster whose apps and CNPG clusters are checked; empty: no cluster at all
 * @param drills        scheduled restore drills; empty: none (the default)
 */
public record ServerConfig(Http http, List<RepositoryTarget> repositories, List<ArchiveTarget> archives,
                           List<NotificationTarget> notifications, java.util.Optional<ClusterStore> cluster,
                           java.util.Optional<ClusterDiscovery> discovery,
                           java.util.Optional<DrillSchedule> drills) {
    public ServerConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(drills, "drills");
        repositories = List.copyOf(repositories);
        archives = List.copyOf(archives);
        notifications = List.copyOf(notifications);
        Set<TargetName> names = new HashSet<>();
        for (int i = 0; i < repositories.size(); i++) {
            if (!names.add(repositories.get(i).name())) {
                throw invalid("repositories[" + i + "].name", "duplicate target name \"" + repositories.get(i).name()
                        + "\"");
            }
        }
        for (int i = 0; i < archives.size(); i++) {
            if (!names.add(archives.get(i).name())) {
                throw invalid("archives[" + i + "].name", "duplicate target name \"" + archives.get(i).name()
                        + "\" (names are unique across repositories and archives)");
            }
        }
    }

    /** Without restore drills. */
    public ServerConfig(Http http, List<RepositoryTarget> repositories, List<ArchiveTarget> archives,
                        List<NotificationTarget> notifications, java.util.Optional<ClusterStore> cluster,
                        java.util.Optional<ClusterDiscovery> discovery) {
        this(http, repositories, archives, notifications, cluster, discovery, java.util.Optional.empty());
    }

    /** Without a Kubernetes cluster. */
    public ServerConfig(Http http, List<RepositoryTarget> repositories, List<ArchiveTarget> archives,
                        List<NotificationTarget> notifications, java.util.Optional<ClusterStore> cluster) {
        this(http, repositories, archives, notifications, cluster, java.util.Optional.empty());
    }

    /** With Quartz's RAM job store. */
    public ServerConfig(Http http, List<RepositoryTarget> repositories, List<ArchiveTarget> archives,
                        List<NotificationTarget> notifications) {
        this(http, repositories, archives, notifications, java.util.Optional.empty());
    }

    /** Only an HTTP listener, no targets. */
    public ServerConfig(Http http) {
        this(http, List.of(), List.of(), List.of());
    }

    /** All defaults: listen on 0.0.0.0:8080, no targets. */
    public static ServerConfig defaults() {
        return new ServerConfig(Http.defaults());
    }

    /**
     * @param bindAddress the IP address or host name to listen on; {@code 0.0.0.0} means every interface
     * @param port        the TCP port, 0..65535; 0 picks a free port (see {@link RewindServer#port()})
     */
    public record Http(String bindAddress, int port) {
        public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
        public static final int DEFAULT_PORT = 8080;
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]+|\\[[0-9A-Fa-f:.%]+]");

        public Http {
            checkBindAddress(bindAddress, "http.bindAddress");
            checkPort(port, "http.port");
        }

        public static Http defaults() {
            return new Http(DEFAULT_BIND_ADDRESS, DEFAULT_PORT);
        }

        static void checkPort(long port, String field) {
            if (port < 0 || port > 65535) {
                throw invalid(field, "must be 0..65535, got " + port);
            }
        }

        static void checkBindAddress(String bindAddress, String field) {
            if (bindAddress == null || bindAddress.isBlank()) {
                throw invalid(field, "must not be empty");
            }
            if (!HOST.matcher(bindAddress).matches()) {
                throw invalid(field, "must be an IP address or host name, got \"" + bindAddress + "\"");
            }
        }
    }

    /** The one error type of configuration problems: {@code config error: <field>: <problem>}. */
    static RewindException invalid(String field, String problem) {
        return new RewindException(Reason.INVALID_INPUT, "config error: " + field + ": " + problem);
    }
}
