package dev.rewind.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Kubernetes probes. {@code GET /livez} is 200 {@code ok} whenever the process can answer: it never touches S3 or
 * the API server (DESIGN.md §7). {@code GET /readyz} is 200 {@code ok} when the server is {@link Lifecycle#READY}
 * and 503 with the phase name (e.g. {@code starting}, {@code stopping}) otherwise; further lines give details that
 * do not decide readiness (cluster discovery: {@code discovery: failing at …: UNAVAILABLE: …}; a server whose
 * API server is down keeps serving its last known targets). Other paths are 404, other methods 405.
 */
final class ProbeHandler implements HttpHandler {
    static final String LIVEZ = "/livez";
    static final String READYZ = "/readyz";

    private final Supplier<Lifecycle> lifecycle;
    private final Supplier<java.util.List<String>> details;

    ProbeHandler(Supplier<Lifecycle> lifecycle) {
        this(lifecycle, java.util.List::of);
    }

    /** @param details extra lines of the {@code /readyz} body (must not block: read from memory) */
    ProbeHandler(Supplier<Lifecycle> lifecycle, Supplier<java.util.List<String>> details) {
        this.lifecycle = lifecycle;
        this.details = details;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "method not allowed");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case LIVEZ -> respond(exchange, 200, "ok");
                case READYZ -> {
                    Lifecycle phase = lifecycle.get();
                    boolean ready = phase == Lifecycle.READY;
                    StringBuilder body = new StringBuilder(ready ? "ok" : phase.name().toLowerCase(Locale.ROOT));
                    details.get().forEach(line -> body.append('\n').append(line));
                    respond(exchange, ready ? 200 : 503, body.toString());
                }
                default -> respond(exchange, 404, "not found");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
