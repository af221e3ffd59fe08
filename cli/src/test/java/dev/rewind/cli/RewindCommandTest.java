package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.cli.output.OutputFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RewindCommandTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private final RewindCommand rewind = new RewindCommand(clock);
    private final CommandLine commandLine = new CommandLine(rewind, new CommandFactory(rewind))
            .setCaseInsensitiveEnumValuesAllowed(true);

    @Test
    void globalOptionsGivenAfterASubcommandReachTheTopCommand() {
        commandLine.parseArgs("completion", "--debug", "--output", "yaml");

        assertThat(rewind.debug()).isTrue();
        assertThat(rewind.output()).isEqualTo(OutputFormat.YAML);
    }

    @Test
    void defaultsAreTableWithoutDebug() {
        commandLine.parseArgs("completion");

        assertThat(rewind.debug()).isFalse();
        assertThat(rewind.output()).isEqualTo(OutputFormat.TABLE);
    }

    @Test
    void subcommandsReceiveTheTopCommandAndItsClock() {
        Object completion = commandLine.getSubcommands().get("completion").getCommand();

        assertThat(completion).isInstanceOf(CompletionCommand.class);
        assertThat(rewind.clock()).isSameAs(clock);
    }
}
