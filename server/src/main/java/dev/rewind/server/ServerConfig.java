package dev.rewind.server;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The validated configuration of {@code rewind-server}, read by {@link ServerConfigReader} from one YAML file plus
 * environment overrides (DESIGN.md §7). Invalid values fail at construction with a {@link Reason#INVALID_INPUT}
 * message naming the exact field: {@code config error: http.port: must be 0..65535, got 70000}.
 *
 * @param http the HTTP listener for probes (and later metrics and the API)
 */
public record ServerConfig(Http http) {
    public ServerConfig {
        Objects.requireNonNull(http, "http");
    }

    /** All defaults: listen on 0.0.0.0:8080. */
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
