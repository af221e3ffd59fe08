package dev.rewind.server;

import com.sun.net.httpserver.HttpServer;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running {@code rewind-server}: today an HTTP listener for the Kubernetes probes (see {@link ProbeHandler}) on the
 * JDK's built-in HTTP server, one virtual thread per exchange.
 *
 * <p>Lifecycle ({@link Lifecycle}): {@link #start()} binds the listener and becomes {@code READY}; {@link #close()}
 * turns {@code /readyz} to 503, stops accepting connections, waits at most the drain grace for exchanges in flight,
 * and is idempotent. Thread-safe.
 */
public final class RewindServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RewindServer.class);

    private final ServerConfig config;
    private final Duration drainGrace;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
    private volatile HttpServer http;
    private volatile ExecutorService exchanges;

    /**
     * @param drainGrace how long {@link #close()} waits for exchanges in flight; rounded up to whole seconds
     */
    public RewindServer(ServerConfig config, Duration drainGrace) {
        this.config = Objects.requireNonNull(config, "config");
        this.drainGrace = Objects.requireNonNull(drainGrace, "drainGrace");
        if (drainGrace.isNegative()) {
            throw new IllegalArgumentException("drainGrace must not be negative: " + drainGrace);
        }
    }

    /**
     * Binds {@code http.bindAddress:http.port} and starts serving.
     *
     * @throws RewindException {@link Reason#UNAVAILABLE} when the address cannot be bound (e.g. port in use)
     * @throws IllegalStateException when already started or closed
     */
    public RewindServer start() {
        moveTo(Lifecycle.STARTING);
        ServerConfig.Http listen = config.http();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(listen.bindAddress(), listen.port()), 0);
            exchanges = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(exchanges);
            server.createContext("/", new ProbeHandler(lifecycle::get));
            server.start();
            http = server;
        } catch (IOException e) {
            moveTo(Lifecycle.STOPPING);
            moveTo(Lifecycle.STOPPED);
            throw new RewindException(Reason.UNAVAILABLE, "cannot listen on " + listen.bindAddress() + ":"
                    + listen.port() + " (http.bindAddress, http.port): " + e.getMessage(),
                    "choose another port with http.port or REWIND_HTTP_PORT", e);
        }
        moveTo(Lifecycle.READY);
        LOG.info("rewind-server listening on http://{}:{} (/livez, /readyz)", listen.bindAddress(), port());
        return this;
    }

    /** The bound port: the configured one, or the one the system picked for port 0. */
    public int port() {
        HttpServer server = http;
        if (server == null) {
            throw new IllegalStateException("rewind-server is not started (" + lifecycle.get() + ")");
        }
        return server.getAddress().getPort();
    }

    /** The current phase. */
    public Lifecycle lifecycle() {
        return lifecycle.get();
    }

    /** Stops accepting connections and drains exchanges in flight for at most the drain grace. Idempotent. */
    @Override
    public void close() {
        Lifecycle current = lifecycle.get();
        if (current == Lifecycle.NEW && lifecycle.compareAndSet(Lifecycle.NEW, Lifecycle.STOPPED)) {
            return;
        }
        if (current != Lifecycle.READY || !lifecycle.compareAndSet(Lifecycle.READY, Lifecycle.STOPPING)) {
            return; // already stopping or stopped, or a failed start cleaned up after itself
        }
        LOG.info("rewind-server stopping (drain grace {})", drainGrace);
        http.stop((int) Math.min(Integer.MAX_VALUE, drainGrace.plusNanos(999_999_999).toSeconds()));
        exchanges.shutdownNow();
        moveTo(Lifecycle.STOPPED);
        LOG.info("rewind-server stopped");
    }

    private void moveTo(Lifecycle next) {
        Lifecycle current = lifecycle.get();
        if (!current.canMoveTo(next) || !lifecycle.compareAndSet(current, next)) {
            throw new IllegalStateException("rewind-server cannot go from " + current + " to " + next);
        }
    }
}
