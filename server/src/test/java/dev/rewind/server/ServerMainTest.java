package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerMainTest {
    @TempDir
    Path tmp;

    @Test
    void configArgumentWinsOverTheEnvironmentVariable() throws Exception {
        Path fromArg = Files.writeString(tmp.resolve("arg.yaml"), "http:\n  port: 1111\n");
        Path fromEnv = Files.writeString(tmp.resolve("env.yaml"), "http:\n  port: 2222\n");

        assertThat(ServerMain.configure(new String[] {"--config", fromArg.toString()},
                Map.of("REWIND_CONFIG", fromEnv.toString())).http().port()).isEqualTo(1111);
        assertThat(ServerMain.configure(new String[] {"--config=" + fromArg}, Map.of()).http().port())
                .isEqualTo(1111);
        assertThat(ServerMain.configure(new String[0], Map.of("REWIND_CONFIG", fromEnv.toString())).http().port())
                .isEqualTo(2222);
        assertThat(ServerMain.configure(new String[0], Map.of())).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void unknownOrIncompleteArgumentsAreInvalidInput() {
        for (String[] args : new String[][] {{"--port", "1"}, {"--config"}, {"--config="}}) {
            assertThatThrownBy(() -> ServerMain.configure(args, Map.of()))
                    .isInstanceOfSatisfying(RewindException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                    .hasMessage("unknown or incomplete argument: '" + args[0] + "'");
        }
    }
}
