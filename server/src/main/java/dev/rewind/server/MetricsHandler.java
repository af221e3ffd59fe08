package dev.rewind.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /metrics}: {@link MetricsExposition}. Reads only in-memory state: never touches S3. */
final class MetricsHandler implements HttpHandler {
    private final Verifications verifications;

    MetricsHandler(Verifications verifications) {
        this.verifications = verifications;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!HttpReply.allowGetOf(exchange, "/metrics")) {
                return;
            }
            HttpReply.send(exchange, 200, MetricsExposition.CONTENT_TYPE, MetricsExposition.render(verifications));
        }
    }
}
