package dev.rewind.cli;

import dev.rewind.error.RewindException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where a failure becomes an exit code and an operator-facing message on stderr:
 * {@code error: <what>} on one line, optionally followed by {@code hint: <what to do>}. A stack trace is printed only
 * when {@code --debug} is on. Messages of {@link RewindException} are printed as they are (they never carry secrets);
 * any other exception is a bug and is reported as {@code error: internal error: <class>: <message>}.
 */
public final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final BooleanSupplier debug;

    /** @param debug tells, at the time of a failure, whether {@code --debug} was given */
    public ErrorReporter(BooleanSupplier debug) {
        this.debug = debug;
    }

    /** Picocli parse errors (unknown flag, missing or malformed value): always exit 2, never a stack trace. */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + oneLine(sentence(ex.getMessage())));
        String help = "run '" + command.getCommandSpec().qualifiedName() + " --help'";
        List<String> suggestions = ex instanceof UnmatchedArgumentException unmatched
                ? unmatched.getSuggestions()
                : List.of();
        err.println(suggestions.isEmpty()
                ? "hint: " + help
                : "hint: did you mean " + String.join(" or ", suggestions) + "? " + help);
        err.flush();
        return ExitCode.INVALID_INPUT.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        return report(ex, command.getErr()).code();
    }

    /** Prints {@code failure} to {@code err} and returns its exit code. */
    public ExitCode report(Throwable failure, PrintWriter err) {
        ExitCode exit = exitCodeOf(failure);
        if (failure instanceof RewindException rewind) {
            err.println("error: " + oneLine(rewind.getMessage()));
            rewind.hint().ifPresent(hint -> err.println("hint: " + oneLine(hint)));
        } else if (exit == ExitCode.INTERRUPTED) {
            err.println("error: interrupted");
        } else {
            err.println("error: internal error: " + failure.getClass().getName()
                    + (failure.getMessage() == null ? "" : ": " + oneLine(failure.getMessage())));
            if (!debug.getAsBoolean()) {
                err.println("hint: run with --debug for the stack trace, and report it as a bug");
            }
        }
        if (debug.getAsBoolean()) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exit;
    }

    /** The exit code of a failure thrown by a command. */
    public static ExitCode exitCodeOf(Throwable failure) {
        return switch (failure) {
            case RewindException rewind -> ExitCode.of(rewind.reason());
            case InterruptedException interrupted -> ExitCode.INTERRUPTED;
            default -> ExitCode.INTERNAL_ERROR;
        };
    }

    /** Keeps the one-line promise of {@code error:} even for messages that span lines (e.g. parser errors). */
    private static String oneLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((first, second) -> first + " " + second).orElse("");
    }

    private static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "invalid usage";
        }
        boolean capitalisedWord = message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && Character.isLowerCase(message.charAt(1));
        return capitalisedWord ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
    }
}
