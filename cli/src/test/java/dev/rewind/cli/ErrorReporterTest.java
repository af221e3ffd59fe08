package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorReporterTest {
    private final StringWriter stderr = new StringWriter();

    @ParameterizedTest
    @CsvSource({
        "INVALID_INPUT, 2", "WRONG_PASSWORD, 2", "NOT_FOUND, 3", "CORRUPT, 4", "PARTIAL, 5", "UNAVAILABLE, 6",
        "CONFLICT, 6", "TIMEOUT, 7", "UNSUPPORTED, 8", "INTERRUPTED, 130", "INTERNAL, 1"
    })
    void everyReasonHasItsExitCode(Reason reason, int exitCode) {
        ExitCode exit = reporter(false).report(new RewindException(reason, "snapshot k1234 of app paperless"),
                new PrintWriter(stderr));

        assertThat(exit.code()).isEqualTo(exitCode);
        assertThat(stderr.toString().lines().toList()).containsExactly("error: snapshot k1234 of app paperless");
    }

    @Test
    void everyReasonIsMappedToADocumentedCode() {
        EnumSet<ExitCode> used = EnumSet.noneOf(ExitCode.class);
        for (Reason reason : Reason.values()) {
            used.add(ExitCode.of(reason));
        }
        assertThat(used).doesNotContain(ExitCode.SUCCESS);
    }

    @Test
    void hintIsPrintedOnItsOwnLine() {
        var failure = new RewindException(Reason.UNAVAILABLE, "s3://backups: access denied",
                "check the access key in secret volsync-paperless", null);

        ExitCode exit = reporter(false).report(failure, new PrintWriter(stderr));

        assertThat(exit).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(stderr.toString().lines().toList()).containsExactly(
                "error: s3://backups: access denied",
                "hint: check the access key in secret volsync-paperless");
    }

    @Test
    void unexpectedExceptionIsAnInternalErrorWithoutStackTrace() {
        ExitCode exit = reporter(false).report(new IllegalStateException("boom"), new PrintWriter(stderr));

        assertThat(exit).isEqualTo(ExitCode.INTERNAL_ERROR);
        assertThat(exit.code()).isEqualTo(1);
        assertThat(stderr.toString().lines().toList()).containsExactly(
                "error: internal error: java.lang.IllegalStateException: boom",
                "hint: run with --debug for the stack trace, and report it as a bug");
    }

    @Test
    void multiLineMessagesStayOnOneLineAndNullMessagesAreOmitted() {
        reporter(false).report(new IllegalArgumentException("Unexpected character\n at [line: 3]"),
                new PrintWriter(stderr));
        reporter(false).report(new NullPointerException(), new PrintWriter(stderr));

        assertThat(stderr.toString().lines().filter(line -> line.startsWith("error: ")).toList()).containsExactly(
                "error: internal error: java.lang.IllegalArgumentException: Unexpected character at [line: 3]",
                "error: internal error: java.lang.NullPointerException");
    }

    @Test
    void debugAddsTheStackTraceIncludingCauses() {
        var failure = new RuntimeException("outer", new java.io.IOException("disk gone"));

        reporter(true).report(failure, new PrintWriter(stderr));

        assertThat(stderr.toString())
                .startsWith("error: internal error: java.lang.RuntimeException: outer")
                .contains("\tat dev.rewind.cli.ErrorReporterTest.debugAddsTheStackTraceIncludingCauses")
                .contains("Caused by: java.io.IOException: disk gone")
                .doesNotContain("hint: run with --debug");
    }

    @Test
    void debugShowsTheStackTraceOfARewindExceptionToo() {
        reporter(true).report(new RewindException(Reason.CORRUPT, "pack p0123 is truncated"),
                new PrintWriter(stderr));

        assertThat(stderr.toString()).startsWith("error: pack p0123 is truncated").contains("\tat ");
    }

    @Test
    void interruptionIsExit130() {
        ExitCode exit = reporter(false).report(new InterruptedException(), new PrintWriter(stderr));

        assertThat(exit.code()).isEqualTo(130);
        assertThat(stderr.toString().lines().toList()).containsExactly("error: interrupted");
    }

    private static ErrorReporter reporter(boolean debug) {
        return new ErrorReporter(() -> debug);
    }
}
