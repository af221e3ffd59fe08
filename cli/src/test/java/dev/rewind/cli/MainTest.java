package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void versionPrintsDevWhenNotRunFromTheShadedJar() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("rewind dev" + System.lineSeparator()).contains("java " + Runtime.version());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpListsGlobalOptionsAndEveryExitCode() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--debug", "-o, --output=FORMAT", "table, json, yaml", "completion",
                "Exit codes:");
        for (ExitCode exit : ExitCode.values()) {
            assertThat(run.out()).containsPattern("(?m)^\\s+" + exit.code() + "  " + java.util.regex.Pattern.quote(
                    exit.meaning()) + "$");
        }
    }

    @Test
    void everySubcommandHasHelp() {
        CliRun run = CliRun.of("completion", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: rewind completion").contains("source <(rewind completion)",
                "--debug", "--output");
    }

    @Test
    void unknownFlagIsOneErrorLineWithAHintAndExit2() {
        CliRun run = CliRun.of("--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).containsExactly(
                "error: unknown option: '--bogus'",
                "hint: run 'rewind --help'");
    }

    @Test
    void unknownFlagOfASubcommandHintsAtTheSubcommandHelp() {
        CliRun run = CliRun.of("completion", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
        assertThat(run.err()).contains("hint: run 'rewind completion --help'").doesNotContain("\tat ");
    }

    @Test
    void missingOptionValueIsExit2() {
        CliRun run = CliRun.of("-o");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: missing required parameter for option '--output'");
    }

    @Test
    void badOutputFormatIsExit2NamingTheValue() {
        CliRun run = CliRun.of("completion", "-o", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: invalid value for option '--output': 'xml' is not one of table, json, yaml",
                "hint: run 'rewind completion --help'");
    }

    @Test
    void unknownSubcommandSuggestsTheClosestOne() {
        CliRun run = CliRun.of("completon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: ").contains("hint: did you mean completion");
    }

    @Test
    void completionPrintsABashCompletionScriptCoveringGlobalOptions() {
        CliRun run = CliRun.of("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F _complete_rewind", "--output", "--debug", "completion");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void globalOptionsAreAcceptedAfterTheSubcommand() {
        CliRun run = CliRun.of("completion", "--debug", "-o", "JSON");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F");
    }

    @Test
    void logsGoToStderrAtWarnAndDebugTurnsOnDebugLogging() {
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

        CliRun.of("completion", "--debug");
        assertThat(root.getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG);

        CliRun.of("completion");
        assertThat(root.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
        var appender = (ch.qos.logback.core.ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(appender.getTarget()).isEqualTo("System.err");
    }
}
