package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StateChangeNotifierTest {
    record Received(String path, String contentType, String title, String priority, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer receiver;
    private StateChangeNotifier notifier;
    private long nextId;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                var headers = exchange.getRequestHeaders();
                received.add(new Received(exchange.getRequestURI().getPath(), headers.getFirst("Content-Type"),
                        headers.getFirst("Title"), headers.getFirst("Priority"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/down") ? 500 : 200, -1);
            }
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        notifier = new StateChangeNotifier(List.of(new NotificationTarget.Webhook(URI.create(base + "/hook")),
                new NotificationTarget.Ntfy(URI.create(base + "/backups"))), client);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        client.close();
    }

    private Run run(Outcome outcome) {
        List<RunFinding> findings = outcome == Outcome.FAILING
                ? List.of(new RunFinding(FindingSeverity.ERROR, "stale-backup", "app", "newest snapshot is 3d old"))
                : List.of();
        return new Run(new RunId(++nextId), new TargetName("app"), CheckKind.QUICK_VERIFY,
                Instant.parse("2026-11-30T12:00:00Z"), Duration.ofSeconds(2), outcome, findings, 0,
                Optional.empty(), Observations.NONE);
    }

    @Test
    void notifiesOnlyWhenTheStateChanges() throws Exception {
        notifier.accept(run(Outcome.HEALTHY));
        notifier.accept(run(Outcome.HEALTHY));
        assertThat(received).isEmpty();

        notifier.accept(run(Outcome.FAILING));
        notifier.accept(run(Outcome.FAILING));
        notifier.accept(run(Outcome.ERROR));
        assertThat(received).hasSize(2);
        Received hook = received.get(0);
        assertThat(hook.path()).isEqualTo("/hook");
        assertThat(hook.contentType()).isEqualTo("application/json");
        JsonNode json = JsonMapper.builder().build().readTree(hook.body());
        assertThat(json.get("state").asString()).isEqualTo("failing");
        assertThat(json.get("previousState").asString()).isEqualTo("healthy");
        assertThat(json.get("target").asString()).isEqualTo("app");
        assertThat(json.get("check").asString()).isEqualTo("quick-verify");
        assertThat(json.get("runId").asLong()).isEqualTo(3);
        assertThat(json.get("summary").asString()).contains("newest snapshot is 3d old");
        Received ntfy = received.get(1);
        assertThat(ntfy.path()).isEqualTo("/backups");
        assertThat(ntfy.title()).isEqualTo("rewind: app quick-verify is failing");
        assertThat(ntfy.priority()).isEqualTo("high");
        assertThat(ntfy.body()).startsWith("app quick-verify: failing");

        notifier.accept(run(Outcome.HEALTHY));
        assertThat(received).hasSize(4);
        assertThat(received.get(3).title()).isEqualTo("rewind: app quick-verify is healthy");
        assertThat(received.get(3).priority()).isEqualTo("default");
    }

    @Test
    void aFailingReceiverDoesNotBreakTheRun() {
        StateChangeNotifier failing = new StateChangeNotifier(List.of(new NotificationTarget.Webhook(
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/down"))), client);
        failing.accept(run(Outcome.FAILING));
        assertThat(received).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/down"));
    }
}
