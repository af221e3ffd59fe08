package dev.rewind.server;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import sun.misc.Signal;

/**
 * Composition root of {@code rewind-server}: reads the configuration, starts {@link RewindServer}, and stops it
 * cleanly on SIGTERM/SIGINT (readiness 503, stop accepting, drain for at most {@link #DRAIN_GRACE}, exit 0).
 *
 * <pre>
 * java -jar rewind-server.jar [--config FILE]     (or REWIND_CONFIG=FILE; REWIND_HTTP_PORT overrides http.port)
 * </pre>
 * Exit codes: 0 after a clean shutdown, 2 for bad arguments or configuration (the message names the field),
 * 1 for any other start-up failure.
 */
public final class ServerMain {
    /** Kubernetes waits 30 s by default between SIGTERM and SIGKILL; draining probes needs far less. */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(5);
    static final String CONFIG_ENV = "REWIND_CONFIG";

    private ServerMain() {
    }

    public static void main(String[] args) {
        RewindServer server;
        try {
            server = new RewindServer(configure(args, System.getenv()), DRAIN_GRACE).start();
        } catch (RewindException e) {
            System.exit(fail(System.err, e.getMessage(), e.hint(), e.reason() == Reason.INVALID_INPUT ? 2 : 1));
            return;
        } catch (RuntimeException e) {
            e.printStackTrace(System.err);
            System.exit(fail(System.err, "internal error: " + e, Optional.empty(), 1));
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rewind-shutdown"));
        Signal.handle(new Signal("TERM"), signal -> stop(server));
        Signal.handle(new Signal("INT"), signal -> stop(server));
    }

    /**
     * The configuration for these arguments and environment: {@code --config FILE} wins over {@code REWIND_CONFIG};
     * without either, defaults plus environment overrides.
     */
    static ServerConfig configure(String[] args, Map<String, String> env) {
        Optional<Path> file = Optional.ofNullable(env.get(CONFIG_ENV)).filter(value -> !value.isBlank()).map(Path::of);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config") && i + 1 < args.length) {
                file = Optional.of(Path.of(args[++i]));
            } else if (arg.startsWith("--config=") && arg.length() > "--config=".length()) {
                file = Optional.of(Path.of(arg.substring("--config=".length())));
            } else {
                throw new RewindException(Reason.INVALID_INPUT, "unknown or incomplete argument: '" + arg + "'",
                        "usage: rewind-server [--config FILE]", null);
            }
        }
        return ServerConfigReader.read(file, env);
    }

    private static void stop(RewindServer server) {
        server.close();
        System.exit(0);
    }

    private static int fail(PrintStream err, String message, Optional<String> hint, int exitCode) {
        err.println("error: " + message);
        hint.ifPresent(text -> err.println("hint: " + text));
        err.flush();
        return exitCode;
    }
}
