package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RewindServerTest {
    private static final ServerConfig ANY_PORT = new ServerConfig(new ServerConfig.Http("127.0.0.1", 0));

    private final HttpClient client = HttpClient.newHttpClient();
    private final RewindServer server = new RewindServer(ANY_PORT, Duration.ZERO);

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void livezAndReadyzAnswerOkOnceStartedOnAPickedPort() throws Exception {
        server.start();

        assertThat(server.port()).isPositive();
        assertThat(server.lifecycle()).isEqualTo(Lifecycle.READY);
        HttpResponse<String> livez = get("/livez");
        assertThat(livez.statusCode()).isEqualTo(200);
        assertThat(livez.body()).isEqualTo("ok");
        assertThat(livez.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        HttpResponse<String> readyz = get("/readyz");
        assertThat(readyz.statusCode()).isEqualTo(200);
        assertThat(readyz.body()).isEqualTo("ok");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        server.start();

        assertThat(get("/livezz").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/livez"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void headAnswersWithoutBody() throws Exception {
        server.start();

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/readyz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void readyzIs503WithThePhaseWhenNotReadyWhileLivezStaysOk() throws Exception {
        // the probe handler on a bare listener, reporting a phase a real server passes through too quickly to probe
        var stopping = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        stopping.createContext("/", new ProbeHandler(() -> Lifecycle.STOPPING));
        stopping.start();
        try {
            String base = "http://127.0.0.1:" + stopping.getAddress().getPort();
            HttpResponse<String> readyz = client.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readyz.statusCode()).isEqualTo(503);
            assertThat(readyz.body()).isEqualTo("stopping");
            HttpResponse<String> livez = client.send(HttpRequest.newBuilder(URI.create(base + "/livez")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(livez.statusCode()).isEqualTo(200);
        } finally {
            stopping.stop(0);
        }
    }

    @Test
    void closeStopsAcceptingAndIsIdempotent() throws Exception {
        server.start();
        int port = server.port();

        server.close();
        server.close();

        assertThat(server.lifecycle()).isEqualTo(Lifecycle.STOPPED);
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/livez")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("rewind-server cannot go from STOPPED to STARTING");
    }

    @Test
    void portInUseIsUnavailableNamingTheAddress() {
        server.start();
        var clash = new RewindServer(new ServerConfig(new ServerConfig.Http("127.0.0.1", server.port())),
                Duration.ZERO);

        assertThatThrownBy(clash::start)
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + server.port() + " (http.bindAddress, http.port)");
        assertThat(clash.lifecycle()).isEqualTo(Lifecycle.STOPPED);
    }

    @Test
    void closingANeverStartedServerIsFine() {
        server.close();

        assertThat(server.lifecycle()).isEqualTo(Lifecycle.STOPPED);
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
