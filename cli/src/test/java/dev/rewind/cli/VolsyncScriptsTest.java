package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference cluster's old script names keep their positional arguments and become {@code rewind} invocations
 * (volsync.md §6.2, §6.3). A fake {@code java} prints the arguments it receives through scripts/rewind.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class VolsyncScriptsTest {
    @TempDir
    Path tmp;
    private Path java;
    private Path jar;

    record Result(int exitCode, List<String> args, String err) {
    }

    @BeforeEach
    void fakeJava() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("jdk/bin"));
        java = Files.writeString(bin.resolve("java"), """
                #!/bin/sh
                if [ "$1" = "-version" ]; then echo 'openjdk version "21.0.3" 2026-01-20' >&2; exit 0; fi
                for arg in "$@"; do printf '%s\\n' "$arg"; done
                exit 4
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.writeString(tmp.resolve("rewind.jar"), "not really a jar");
    }

    @Test
    void triggerScriptKeepsAppNamespaceAndTimeoutSeconds() throws Exception {
        Result result = run("scripts/trigger-volsync-backup.sh", "immich", "media", "3600", "--follow");

        assertThat(result.exitCode()).isEqualTo(4);   // the CLI's exit code passes through
        assertThat(result.args()).containsExactly("-jar", jar.toString(), "backup", "--app", "immich", "-n", "media",
                "--timeout", "3600s", "--follow");
    }

    @Test
    void triggerScriptDefaultsAreTheOldOnes() throws Exception {
        assertThat(run("scripts/trigger-volsync-backup.sh").args()).containsExactly("-jar", jar.toString(),
                "backup", "--app", "paperless-ngx", "-n", "default", "--timeout", "600s");
    }

    @Test
    void triggerScriptRejectsANonNumericTimeout() throws Exception {
        Result result = run("scripts/trigger-volsync-backup.sh", "a", "b", "10m");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: TIMEOUT_SECONDS must be a whole number of seconds, got '10m'\n");
    }

    @Test
    void verifyScriptIsAStatusOfOneAppReadFromTheRepository() throws Exception {
        assertThat(run("scripts/verify-volsync-snapshots.sh", "grafana", "observability", "-o", "json").args())
                .containsExactly("-jar", jar.toString(), "status", "--app", "grafana", "-n", "observability",
                        "-o", "json");
        assertThat(run("scripts/verify-volsync-snapshots.sh").args()).containsExactly("-jar", jar.toString(),
                "status", "--app", "paperless-ngx", "-n", "default");
    }

    private Result run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(RepositoryFiles.path(script).toString());
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().put("REWIND_JAVA", java.toString());
        builder.environment().put("REWIND_JAR", jar.toString());
        builder.environment().remove("REWIND_JAVA_OPTS");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out.lines().toList(), err);
    }
}
