package dev.rewind.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Composition root of the {@code rewind} CLI: the only place that creates the {@link Clock} and wires picocli to
 * {@link ErrorReporter}. Tests call {@link #run} in-process.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs one {@code rewind} invocation.
     *
     * @return the exit code of {@link ExitCode}
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /**
     * Runs one {@code rewind} invocation with an explicit environment (tests pass their own instead of the
     * process environment: {@code KOPIA_PASSWORD}, {@code AWS_*}, {@code KUBECONFIG}, …).
     */
    public static int run(PrintStream out, PrintStream err, Map<String, String> environment, String... args) {
        var rewind = new RewindCommand(Clock.systemUTC(), environment);
        var reporter = new ErrorReporter(rewind::debug);
        var stdout = new PrintWriter(out, true, out.charset());
        var stderr = new PrintWriter(err, true, err.charset());
        try {
            CommandLine commandLine = commandTree(rewind)
                    .setOut(stdout)
                    .setErr(stderr)
                    .setParameterExceptionHandler(reporter)
                    .setExecutionExceptionHandler(reporter)
                    .setExecutionStrategy(parseResult -> execute(rewind, parseResult));
            commandLine.getCommandSpec().usageMessage().footer(ExitCode.helpFooter());
            return commandLine.execute(args);
        } catch (RuntimeException | LinkageError e) {
            // a failure outside a command (e.g. while building the command model) is still reported the one way
            return reporter.report(e, stderr).code();
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }

    /**
     * The picocli command tree of one invocation, configured as {@link #run} parses it (without streams and
     * handlers); tests parse documented command lines with it ({@code parseArgs}, never {@code execute}).
     */
    static CommandLine commandTree(RewindCommand rewind) {
        return new CommandLine(rewind, new CommandFactory(rewind)).setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static int execute(RewindCommand rewind, ParseResult parseResult) {
        Logging.configure(rewind.debug());
        return new RunLast().execute(parseResult);
    }
}
