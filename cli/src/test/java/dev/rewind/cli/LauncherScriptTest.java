package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/rewind with fake {@code java} executables that print their arguments, so the Java and jar selection is
 * checked without starting a JVM.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherScriptTest {
    @TempDir
    Path tmp;

    private Path jar;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeEach
    void createJar() throws IOException {
        jar = Files.writeString(tmp.resolve("rewind.jar"), "not really a jar");
    }

    @Test
    void execsTheChosenJavaWithTheJarAndAllArgumentsAndPassesTheExitCodeThrough() throws Exception {
        Path java = fakeJava("jdk21", "21.0.3", 3);

        Result result = launch(Map.of("REWIND_JAVA", java.toString(), "REWIND_JAR", jar.toString()),
                "ls", "two words", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out().lines().toList())
                .containsExactly("-jar", jar.toString(), "ls", "two words", "-o", "json");
    }

    @Test
    void rewindJavaMayNameAJavaHome() throws Exception {
        Path java = fakeJava("jdk25", "25", 0);

        Result result = launch(Map.of("REWIND_JAVA", java.getParent().getParent().toString(),
                "REWIND_JAR", jar.toString()), "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--version");
    }

    @Test
    void tooOldRewindJavaIsRejectedWithExit2() throws Exception {
        Path java = fakeJava("jdk17", "17.0.12", 0);

        Result result = launch(Map.of("REWIND_JAVA", java.toString(), "REWIND_JAR", jar.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().toList()).containsExactly(
                "error: REWIND_JAVA=" + java + " is Java 17, rewind needs Java >= 21");
    }

    @Test
    void javaHomeOf21IsUsedBeforeJavaOnPath() throws Exception {
        Path java = fakeJava("home21", "21.0.1", 0);
        Files.writeString(java.getParent().getParent().resolve("release"), "JAVA_VERSION=\"21.0.1\"\n");

        Result result = launch(Map.of("JAVA_HOME", java.getParent().getParent().toString(),
                "REWIND_JAR", jar.toString()), "ls");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().toList()).containsExactly("-jar", jar.toString(), "ls");
    }

    @Test
    void legacyVersionStringsAreParsed() throws Exception {
        Path java = fakeJava("jdk8", "1.8.0_402", 0);

        Result result = launch(Map.of("REWIND_JAVA", java.toString(), "REWIND_JAR", jar.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is Java 8, rewind needs Java >= 21");
    }

    @Test
    void missingRewindJarIsExit2() throws Exception {
        Path java = fakeJava("jdk21", "21", 0);

        Result result = launch(Map.of("REWIND_JAVA", java.toString(), "REWIND_JAR", tmp.resolve("nope.jar").toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().toList())
                .containsExactly("error: REWIND_JAR=" + tmp.resolve("nope.jar") + " does not exist");
    }

    @Test
    void worksThroughASymlinkFromAnotherDirectoryAndLooksForTheJarInTheRepository() throws Exception {
        Path java = fakeJava("jdk21", "21", 0);
        Path link = Files.createSymbolicLink(tmp.resolve("bin-rewind"), RepositoryFiles.path("scripts/rewind"));
        Path repoJar = RepositoryFiles.root().toRealPath().resolve("cli/target/rewind.jar");

        Result result = run(List.of(link.toString(), "ls"), Map.of("REWIND_JAVA", java.toString()));

        // with the jar built the fake java receives it; without it the error names where it was looked for
        if (Files.isRegularFile(repoJar)) {
            assertThat(result.out().lines().toList()).containsExactly("-jar", repoJar.toString(), "ls");
        } else {
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("error: rewind.jar not found at " + repoJar)
                    .contains("hint: build it with ./mvnw -q package -DskipTests");
        }
        Files.delete(link);
    }

    private Path fakeJava(String name, String version, int exitCode) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve(name).resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = "-version" ]; then
                  echo 'openjdk version "%s" 2026-01-20' >&2
                  exit 0
                fi
                for arg in "$@"; do printf '%%s\\n' "$arg"; done
                exit %d
                """.formatted(version, exitCode));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private Result launch(Map<String, String> env, String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(RepositoryFiles.path("scripts/rewind").toString());
        command.addAll(List.of(args));
        return run(command, env);
    }

    private Result run(List<String> command, Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().remove("REWIND_JAVA");
        builder.environment().remove("REWIND_JAR");
        builder.environment().remove("REWIND_JAVA_OPTS");
        builder.environment().put("HOME", tmp.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
