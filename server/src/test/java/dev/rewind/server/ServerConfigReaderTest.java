package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigReaderTest {
    @TempDir
    Path tmp;

    @Test
    void withoutFileEverythingHasItsDefault() {
        ServerConfig config = ServerConfigReader.read(Optional.empty(), Map.of());

        assertThat(config).isEqualTo(ServerConfig.defaults());
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().bindAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void readsTheYamlFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("rewind.yaml"), """
                http:
                  port: 9090
                  bindAddress: 127.0.0.1
                """);

        ServerConfig config = ServerConfigReader.read(Optional.of(file), Map.of());

        assertThat(config.http()).isEqualTo(new ServerConfig.Http("127.0.0.1", 9090));
    }

    @Test
    void emptyFileAndPartialSectionsKeepDefaults() {
        assertThat(ServerConfigReader.fromYaml("", "empty.yaml", Map.of())).isEqualTo(ServerConfig.defaults());
        assertThat(ServerConfigReader.fromYaml("http:\n  port: 0\n", "p.yaml", Map.of()).http())
                .isEqualTo(new ServerConfig.Http("0.0.0.0", 0));
    }

    @Test
    void environmentOverridesTheFile() {
        ServerConfig config = ServerConfigReader.fromYaml("http:\n  port: 9090\n", "f.yaml",
                Map.of("REWIND_HTTP_PORT", "7070", "REWIND_HTTP_BIND_ADDRESS", "::1"));

        assertThat(config.http()).isEqualTo(new ServerConfig.Http("::1", 7070));
    }

    @Test
    void portOutOfRangeNamesTheField() {
        assertInvalid("http:\n  port: 70000\n", Map.of(), "config error: http.port: must be 0..65535, got 70000");
        assertInvalid("http:\n  port: -1\n", Map.of(), "config error: http.port: must be 0..65535, got -1");
    }

    @Test
    void wrongTypesNameTheField() {
        assertInvalid("http:\n  port: eighty\n", Map.of(),
                "config error: http.port: must be an integer 0..65535, got \"eighty\"");
        assertInvalid("http:\n  bindAddress: [a, b]\n", Map.of(),
                "config error: http.bindAddress: must be a string, got ARRAY");
        assertInvalid("http: 8080\n", Map.of(), "config error: http: must be a mapping");
    }

    @Test
    void unknownSettingsAreRejectedSoTyposDoNotPassSilently() {
        assertInvalid("http:\n  prot: 80\n", Map.of(),
                "config error: http.prot: unknown setting (known: bindAddress, port)");
        assertInvalid("htp:\n  port: 80\n", Map.of(), "config error: htp: unknown setting (known: archives, cluster, drills, http, notifications, repositories, scheduler)");
    }

    @Test
    void badEnvironmentOverridesNameTheVariable() {
        assertInvalid("", Map.of("REWIND_HTTP_PORT", "abc"),
                "config error: REWIND_HTTP_PORT: must be an integer 0..65535, got \"abc\"");
        assertInvalid("", Map.of("REWIND_HTTP_PORT", "65536"),
                "config error: REWIND_HTTP_PORT: must be 0..65535, got 65536");
        assertInvalid("", Map.of("REWIND_HTTP_BIND_ADDRESS", "a b"),
                "config error: REWIND_HTTP_BIND_ADDRESS: must be an IP address or host name, got \"a b\"");
    }

    @Test
    void malformedYamlNamesTheFile() {
        assertThatThrownBy(() -> ServerConfigReader.fromYaml("http:\n  port: [\n", "bad.yaml", Map.of()))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessageStartingWith("config error: bad.yaml: not valid YAML: ");
        assertInvalid("- a\n- b\n", Map.of(), "config error: test.yaml: must be a YAML mapping, got ARRAY");
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = tmp.resolve("missing.yaml");

        assertThatThrownBy(() -> ServerConfigReader.read(Optional.of(missing), Map.of()))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessage("config error: " + missing + ": file not found");
    }

    @Test
    void recordsValidateProgrammaticConfigurationToo() {
        assertThatThrownBy(() -> new ServerConfig.Http("", 80))
                .hasMessage("config error: http.bindAddress: must not be empty");
        assertThatThrownBy(() -> new ServerConfig.Http("0.0.0.0", 65536))
                .hasMessage("config error: http.port: must be 0..65535, got 65536");
    }

    private static void assertInvalid(String yaml, Map<String, String> env, String message) {
        assertThatThrownBy(() -> ServerConfigReader.fromYaml(yaml, "test.yaml", env))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessage(message);
    }
}
