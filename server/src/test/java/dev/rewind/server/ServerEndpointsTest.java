package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server on port 0 against the example repository: a run updates metrics, the API and the status page. */
class ServerEndpointsTest {
    static final TargetName APP = CheckRunnerTest.APP;

    @TempDir
    Path tmp;

    private final HttpClient client = HttpClient.newHttpClient();
    private RewindServer server;

    @BeforeEach
    void start() {
        ServerConfig config = new ServerConfig(new ServerConfig.Http("127.0.0.1", 0),
                List.of(CheckRunnerTest.example(CheckRunnerTest.EXAMPLE_PASSWORD, Optional.empty()),
                        new RepositoryTarget(new TargetName("broken<app>"
                                .replace("<", "-").replace(">", "")), tmp.resolve("absent").toString(),
                                CheckRunnerTest.EXAMPLE_PASSWORD, Optional.empty(), Optional.empty(),
                                Optional.empty())),
                List.of(), List.of());
        server = new RewindServer(config, Duration.ZERO, CheckRunnerTest.CLOCK, new SplittableRandom(7), Map.of())
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void beforeAnyRunTheApiListsTargetsWithTheirNextRun() throws Exception {
        JsonNode status = json("/api/v1/status");
        assertThat(status.get("targets")).hasSize(2);
        JsonNode quick = status.get("targets").get(0).get("checks").get(0);
        assertThat(quick.get("check").asString()).isEqualTo("quick-verify");
        assertThat(quick.get("scheduled").asBoolean()).isTrue();
        assertThat(quick.get("nextRunAt").asString()).startsWith("2099-01-01T00:00:00");
        assertThat(quick.has("lastRun")).isFalse();
        assertThat(get("/metrics").body()).doesNotContain("rewind_verification_last_success_timestamp_seconds{");
    }

    @Test
    void aRunUpdatesMetricsApiAndStatusPage() throws Exception {
        Run run = server.verifications().runner().run(APP, CheckKind.QUICK_VERIFY);
        Run broken = server.verifications().runner().run(new TargetName("broken-app"), CheckKind.QUICK_VERIFY);
        assertThat(run.outcome()).isEqualTo(Outcome.HEALTHY);
        assertThat(broken.outcome()).isEqualTo(Outcome.ERROR);

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue(MetricsExposition.CONTENT_TYPE);
        String text = metrics.body();
        String labels = "{target=\"example\",check=\"quick-verify\"}";
        assertThat(text).contains("rewind_verification_last_success_timestamp_seconds" + labels + " 1796040000\n");
        assertThat(text).contains("rewind_verification_healthy" + labels + " 1\n");
        assertThat(text).contains("rewind_verification_healthy{target=\"broken-app\",check=\"quick-verify\"} 0\n");
        assertThat(text).contains("rewind_verification_findings{target=\"example\",check=\"quick-verify\","
                + "severity=\"error\"} 0\n");
        assertThat(text).contains("rewind_verification_runs_total{target=\"example\",check=\"quick-verify\","
                + "outcome=\"healthy\"} 1\n");
        assertThat(text).containsPattern("rewind_snapshot_newest_age_seconds\\{target=\"example\"} \\d+");
        assertThat(text).containsPattern("rewind_storage_requests_total\\{operation=\"read\",result=\"success\"} "
                + "[1-9]\\d*\n");
        for (String family : MetricsExposition.FAMILIES) {
            assertThat(text).as(family).contains("# TYPE " + family + " ");
        }
        assertExpositionIsWellFormed(text);

        JsonNode status = json("/api/v1/status");
        JsonNode example = status.get("targets").get(0);
        assertThat(example.get("name").asString()).isEqualTo("example");
        assertThat(example.get("healthy").asBoolean()).isTrue();
        JsonNode lastRun = example.get("checks").get(0).get("lastRun");
        assertThat(lastRun.get("id").asLong()).isEqualTo(run.id().value());
        assertThat(lastRun.get("outcome").asString()).isEqualTo("healthy");
        assertThat(status.get("targets").get(1).get("healthy").asBoolean()).isFalse();

        JsonNode detail = json("/api/v1/runs/" + broken.id());
        assertThat(detail.get("outcome").asString()).isEqualTo("error");
        assertThat(detail.get("error").asString()).contains("absent");
        assertThat(detail.get("findings")).isEmpty();
        assertThat(get("/api/v1/runs/999").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/runs/abc").statusCode()).isEqualTo(404);

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("data-target=\"example\" data-check=\"quick-verify\" data-outcome=\"healthy\"")
                .contains("data-target=\"broken-app\" data-check=\"quick-verify\" data-outcome=\"error\"")
                .contains("href=\"/api/v1/runs/" + run.id() + "\"");
    }

    @Test
    void livenessDoesNotDependOnStorage() throws Exception {
        assertThat(get("/livez").statusCode()).isEqualTo(200);
        assertThat(server.verifications().meter().snapshot().totalRequests()).isZero();
    }

    @Test
    void statusPageEscapesEverything() {
        assertThat(StatusPage.escape("<script>\"a\" & 'b'</script>"))
                .isEqualTo("&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
        assertThat(MetricsExposition.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }

    @Test
    void headlessChromiumRendersTheStatusPageWithOneRowPerCheck() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromium),
                "Debian's chromium package is not installed");
        server.verifications().runner().run(APP, CheckKind.QUICK_VERIFY);
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--dump-dom",
                "http://127.0.0.1:" + server.port() + "/"));
        Process process = new ProcessBuilder(command).redirectError(tmp.resolve("chromium.err").toFile())
                .redirectOutput(tmp.resolve("dom.html").toFile()).start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("chromium exited within 90 s").isTrue();
        String dom = Files.readString(tmp.resolve("dom.html"));
        assertThat(dom).as(Files.readString(tmp.resolve("chromium.err"))).contains("<table id=\"checks\">");
        assertThat(dom.split("<tr class=\"check\"", -1)).hasSize(1 + 4);
        assertThat(dom).contains("data-target=\"example\" data-check=\"quick-verify\" data-outcome=\"healthy\"");
    }

    /** Every line is a comment or {@code name{labels} value}; families are declared once, before their samples. */
    static void assertExpositionIsWellFormed(String text) {
        java.util.Set<String> declared = new java.util.HashSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                assertThat(declared.add(line.split(" ")[2])).as("declared once: %s", line).isTrue();
            } else if (!line.startsWith("# HELP ")) {
                assertThat(line).matches("[a-z_]+(\\{[a-z_]+=\"[^\"\\\\]*\"(,[a-z_]+=\"[^\"\\\\]*\")*})? -?[0-9.eE+-]+");
                String name = line.replaceAll("[{ ].*", "");
                assertThat(declared).as("family of %s declared before", line).contains(name);
            }
        }
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JsonMapper.builder().build().readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
