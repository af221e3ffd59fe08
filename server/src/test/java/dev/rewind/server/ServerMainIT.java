package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Starts {@link ServerMain} in its own JVM, as Kubernetes would, and stops it with SIGTERM. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ServerMainIT {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path tmp;

    @Test
    void servesProbesOnAPickedPortAndExitsZeroOnSigterm() throws Exception {
        Path config = Files.writeString(tmp.resolve("rewind.yaml"), "http:\n  bindAddress: 127.0.0.1\n");
        Process server = serverProcess(List.of("--config", config.toString()), "0").start();
        try (var stdout = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                var client = HttpClient.newHttpClient()) {
            int port;
            try {
                port = CompletableFuture.supplyAsync(() -> boundPort(stdout)).get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                server.destroyForcibly(); // unblocks the reader before the reader is closed
                throw new AssertionError("rewind-server did not log its port within 60 s", e);
            }
            assertThat(port).as("bound port logged").isPositive();

            HttpResponse<String> livez = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/livez")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(livez.statusCode()).isEqualTo(200);
            assertThat(livez.body()).isEqualTo("ok");

            server.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of stdout
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
            assertThat(stdout.lines().toList()).anyMatch(line -> line.contains("rewind-server stopped"));
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void invalidConfigurationExitsTwoNamingTheField() throws Exception {
        Process server = serverProcess(List.of(), "70000").redirectErrorStream(false).start();

        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(server.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(server.exitValue()).isEqualTo(2);
        assertThat(stderr.lines().toList())
                .containsExactly("error: config error: REWIND_HTTP_PORT: must be 0..65535, got 70000");
    }

    private static int boundPort(BufferedReader stdout) {
        try {
            for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessBuilder serverProcess(List<String> args, String port) {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new java.util.ArrayList<>(List.of(java,
                "-Dlogback.configurationFile=logback.xml", // the production logging, not the tests' logback-test.xml
                "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName()));
        command.addAll(args);
        var builder = new ProcessBuilder(command);
        builder.environment().remove("REWIND_CONFIG");
        builder.environment().put("REWIND_HTTP_PORT", port);
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        return builder;
    }
}
