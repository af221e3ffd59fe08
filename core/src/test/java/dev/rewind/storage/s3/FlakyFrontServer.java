package dev.rewind.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP front for an S3 server that answers the first N requests itself with {@code 503 SlowDown} (closing the
 * connection) and afterwards pipes connections byte for byte to the backend, so request signatures stay valid.
 * Records the request line of every request it answered itself.
 */
final class FlakyFrontServer implements AutoCloseable {
    private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message></Error>";

    private final ServerSocket server;
    private final int backendPort;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    FlakyFrontServer(int backendPort, int failures) throws IOException {
        this.backendPort = backendPort;
        this.failuresLeft = new AtomicInteger(failures);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("flaky-front-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Request lines answered with 503. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try {
            if (failuresLeft.getAndDecrement() > 0) {
                String head = readHead(client.getInputStream());
                String requestLine = head.lines().findFirst().orElse("");
                refused.add(requestLine);
                byte[] body = requestLine.startsWith("HEAD ") ? new byte[0] : SLOW_DOWN.getBytes(StandardCharsets.UTF_8);
                String response = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                        + (requestLine.startsWith("HEAD ") ? SLOW_DOWN.length() : body.length)
                        + "\r\nConnection: close\r\n\r\n";
                OutputStream out = client.getOutputStream();
                out.write(response.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                client.close();
                return;
            }
            Socket backend = new Socket();
            open.add(backend);
            backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort));
            Thread.ofVirtual().start(() -> pipe(backend, client));
            pipe(client, backend);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open.forEach(FlakyFrontServer::closeQuietly);
    }
}
