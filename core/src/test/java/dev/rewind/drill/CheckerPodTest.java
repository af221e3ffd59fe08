package dev.rewind.drill;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rewind.volsync.MoverSecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckerPodTest {
    @Test
    void parsesTheMarkerLinesAndIgnoresTheCommandsOutput() {
        CheckerPod.Report report = CheckerPod.parse("""
                rewind-drill files=4
                rewind-drill bytes=36890
                rewind-drill files are fine=yes
                ok
                rewind-drill check-exit=3
                """);

        assertThat(report.counts()).contains(new DrillCounts(4, 36_890));
        assertThat(report.checkCommandExit()).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void missingOrGarbledCountsAreAbsent() {
        assertThat(CheckerPod.parse("rewind-drill files=4\n").counts()).isEmpty();
        assertThat(CheckerPod.parse("rewind-drill files=4\nrewind-drill bytes=12x\n").counts())
                .isEqualTo(Optional.empty());
        assertThat(CheckerPod.parse("").checkCommandExit()).isEmpty();
    }

    @Test
    void theCheckCommandComesFromTheEnvironmentNotTheScript() {
        var pod = CheckerPod.manifest("rewind-drills", new DrillNames("app", "ns", "20261130170000"),
                "busybox:1.37", Optional.empty(), Optional.of("echo '$(rm -rf /)'"));

        assertThat(CheckerPod.SCRIPT).doesNotContain("rm -rf");
        assertThat(pod.document().toString()).contains("CHECK_COMMAND").contains("restartPolicy=Never");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCheckerMeetsTheRestrictedPodSecurityLevelWithANonRootMover() {
        var pod = CheckerPod.manifest("rewind-drills", new DrillNames("app", "ns", "20261130170000"),
                "busybox:1.37", Optional.of(new MoverSecurityContext(OptionalLong.of(1000), OptionalLong.of(1000),
                        OptionalLong.empty(), Optional.empty())), Optional.empty());

        Map<String, Object> spec = (Map<String, Object>) pod.document().get("spec");
        assertThat((Map<String, Object>) spec.get("securityContext")).containsEntry("runAsUser", 1000L)
                .containsEntry("runAsNonRoot", true)
                .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
        Map<String, Object> container = ((List<Map<String, Object>>) spec.get("containers")).getFirst();
        assertThat((Map<String, Object>) container.get("securityContext"))
                .containsEntry("allowPrivilegeEscalation", false).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutAMoverContextTheCheckerKeepsTheImagesUserButStillDropsEverything() {
        var pod = CheckerPod.manifest("rewind-drills", new DrillNames("app", "ns", "20261130170000"),
                "busybox:1.37", Optional.empty(), Optional.empty());

        Map<String, Object> spec = (Map<String, Object>) pod.document().get("spec");
        assertThat((Map<String, Object>) spec.get("securityContext")).doesNotContainKey("runAsNonRoot")
                .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
        Map<String, Object> container = ((List<Map<String, Object>>) spec.get("containers")).getFirst();
        assertThat((Map<String, Object>) container.get("securityContext"))
                .containsEntry("allowPrivilegeEscalation", false);
    }

    @TempDir
    Path dir;

    /** Runs the checker script with bash (pipefail as busybox ash), /data replaced by a directory, PATH first at bin. */
    private Process script(Path data, Path bin) throws IOException {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "bash is needed to run the checker script");
        ProcessBuilder builder = new ProcessBuilder(bash.toString(), "-c",
                CheckerPod.SCRIPT.replace("cd /data", "cd " + data)).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return builder.start();
    }

    @Test
    void theScriptCountsFilesAndBytesAndFailsWithExit3WhenFindFails() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "12345");
        Files.createDirectories(data.resolve("media"));
        Files.writeString(data.resolve("media/b.bin"), "1234567");
        Path bin = Files.createDirectories(dir.resolve("bin"));

        Process counting = script(data, bin);
        String counted = new String(counting.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(counting.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(counting.exitValue()).isZero();
        assertThat(CheckerPod.parse(counted).counts()).contains(new DrillCounts(2, 12));

        // a find that prints what it can and then fails, as on an unreadable directory (root reads everything here)
        Path find = bin.resolve("find");
        Files.writeString(find, "#!/bin/sh\necho ./a.txt\necho 'find: ./media: Permission denied' >&2\nexit 1\n");
        Files.setPosixFilePermissions(find, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process failing = script(data, bin);
        String log = new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(failing.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failing.exitValue()).isEqualTo(CheckerPod.UNREADABLE_EXIT);
        assertThat(log).contains("find: ./media: Permission denied").doesNotContain("rewind-drill files=");
    }
}
