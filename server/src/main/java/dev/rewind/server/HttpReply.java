package dev.rewind.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes one HTTP response (GET and HEAD) with the given status, content type and body. */
final class HttpReply {
    private HttpReply() {
    }

    /** Answers 405 for methods other than GET and HEAD; returns whether the method was allowed. */
    static boolean allowGet(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
        return false;
    }

    /**
     * {@link #allowGet} for a handler that serves exactly {@code path}: answers 405 for other methods and a plain
     * 404 for other paths; returns whether the request is a GET/HEAD of {@code path}.
     */
    static boolean allowGetOf(HttpExchange exchange, String path) throws IOException {
        if (!allowGet(exchange)) {
            return false;
        }
        if (!exchange.getRequestURI().getPath().equals(path)) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found");
            return false;
        }
        return true;
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
