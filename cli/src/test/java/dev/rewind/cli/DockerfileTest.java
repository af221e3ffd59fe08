package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the Dockerfile (no Docker engine is needed): what the image runs as, what it copies, and that the
 * copied jars are the ones the poms build.
 */
class DockerfileTest {
    private List<String> instructions;
    private String dockerfile;

    @BeforeEach
    void read() throws IOException {
        dockerfile = Files.readString(RepositoryFiles.path("Dockerfile"));
        // join continuation lines, drop comments and blank lines
        instructions = dockerfile.replaceAll("\\\\\\n\\s*", " ").lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    @Test
    void buildsInOneStageAndRunsOnAJre21OrNewerInAnother() {
        List<String> froms = instructions.stream().filter(line -> line.startsWith("FROM ")).toList();

        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).matches("FROM maven:[\\w.-]*eclipse-temurin-(21|25)\\S* AS build");
        assertThat(froms.get(1)).matches("FROM eclipse-temurin:(21|25)[\\w.-]*-jre\\S*");
        assertThat(instructions).anyMatch(line -> line.startsWith("RUN ")
                && line.endsWith("./mvnw -B -q package -DskipTests"));
    }

    @Test
    void runsAsUid1000AndWritesOnlyToTmp() {
        assertThat(instructions).contains("USER 1000:1000");
        assertThat(dockerfile).contains("HOME=/tmp", "-Djava.io.tmpdir=/tmp", "-XX:+ExitOnOutOfMemoryError");
        int user = instructions.indexOf("USER 1000:1000");
        assertThat(instructions.subList(user, instructions.size())).noneMatch(line -> line.startsWith("RUN "));
    }

    @Test
    void fetchesNothingFromTheNetworkWithAdd() {
        assertThat(instructions).noneMatch(line -> line.matches("(?i)ADD\\s.*(https?|git)[:@].*"));
    }

    @Test
    void copiesTheJarsTheShadePluginBuildsAndTheLauncher() throws IOException {
        String cliJar = "cli/target/" + shadeOutputFile("cli/pom.xml");
        String serverJar = "server/target/" + shadeOutputFile("server/pom.xml");

        assertThat(instructions).contains(
                "COPY --from=build /src/" + cliJar + " /opt/rewind/rewind.jar",
                "COPY --from=build /src/" + serverJar + " /opt/rewind/rewind-server.jar",
                "COPY --from=build --chmod=0755 /src/scripts/rewind /usr/local/bin/rewind");
        assertThat(Files.isExecutable(RepositoryFiles.path("scripts/rewind"))).isTrue();
    }

    @Test
    void runsTheServerByDefaultAndLeavesTheCommandFreeForTheCli() {
        assertThat(instructions).noneMatch(line -> line.startsWith("ENTRYPOINT"));
        assertThat(instructions.getLast()).startsWith("CMD [\"java\",")
                .endsWith("\"-jar\", \"/opt/rewind/rewind-server.jar\"]");
    }

    @Test
    void dockerignoreKeepsBuildOutputAndGitOut() throws IOException {
        List<String> ignored = Files.readAllLines(RepositoryFiles.path(".dockerignore"));

        assertThat(ignored).contains("**/target/", ".git/");
        assertThat(ignored).noneMatch(line -> line.equals("scripts/") || line.equals(".mvn/") || line.equals("mvnw"));
    }

    private static String shadeOutputFile(String pom) throws IOException {
        Matcher matcher = Pattern.compile("<outputFile>\\$\\{project\\.build\\.directory}/([^<]+)</outputFile>")
                .matcher(Files.readString(RepositoryFiles.path(pom)));
        assertThat(matcher.find()).as("shade outputFile in %s", pom).isTrue();
        return matcher.group(1);
    }
}
