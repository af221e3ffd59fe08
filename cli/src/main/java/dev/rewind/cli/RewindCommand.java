package dev.rewind.cli;

import dev.rewind.cli.output.OutputFormat;
import dev.rewind.cli.pg.PgCommand;
import dev.rewind.cli.output.View;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top {@code rewind} command: global options and the list of subcommands. It runs nothing itself.
 *
 * <h2>Adding a subcommand</h2>
 * <ol>
 *   <li>Write a small class in {@code dev.rewind.cli} (under ~80 lines: parse, call one core service, render):
 * <pre>{@code
 * @Command(name = "snapshots", description = "List the Kopia snapshots of an app.")
 * final class SnapshotsCommand implements Callable<Integer> {
 *     private final RewindCommand rewind;          // injected by CommandFactory
 *     @Parameters(paramLabel = "APP") String app;
 *
 *     SnapshotsCommand(RewindCommand rewind) { this.rewind = rewind; }
 *
 *     @Override public Integer call() {
 *         SnapshotListView view = SnapshotListView.of(core.snapshots(app));  // a record implementing View
 *         return rewind.render(view);                                         // table, json or yaml per -o
 *     }
 * }
 * }</pre></li>
 *   <li>Register it with one line: add {@code SnapshotsCommand.class} to {@code subcommands} below.</li>
 * </ol>
 * Failures are thrown as {@code RewindException}; {@link ErrorReporter} turns them into {@code error:} lines and
 * the exit code of {@link ExitCode}. Return a non-zero {@link ExitCode#code()} for outcomes that are data, e.g.
 * {@link ExitCode#PROBLEMS_FOUND} when verification found problems.
 */
@Command(
        name = "rewind",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT, // every subcommand gets --help, --version, --debug and -o without declaring them
        versionProvider = ManifestVersionProvider.class,
        description = "Verify and restore Volsync (Kopia) and CloudNativePG (Barman) backups.",
        subcommands = {
            SnapshotsCommand.class,
            LsCommand.class,
            VerifyCommand.class,
            ExtractCommand.class,
            RestoreCommand.class,
            DrillCommand.class,
            CompletionCommand.class,
            StatusCommand.class,
            BackupCommand.class,
            PgCommand.class,
        })
public final class RewindCommand {
    private final Clock clock;
    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces and DEBUG logs on stderr.")
    private boolean debug;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            completionCandidates = OutputFormat.Names.class, converter = OutputFormat.Converter.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table).")
    private OutputFormat output = OutputFormat.TABLE;

    /** @param clock the one clock of this process, created by {@link Main} */
    public RewindCommand(Clock clock) {
        this(clock, Map.of());
    }

    /**
     * @param clock the one clock of this process, created by {@link Main}
     * @param environment the process environment (read only here, so tests can pass their own)
     */
    public RewindCommand(Clock clock, Map<String, String> environment) {
        this.clock = clock;
        this.environment = Map.copyOf(environment);
    }

    /** The environment variables this invocation sees ({@code KOPIA_*}, {@code AWS_*}, …). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The process clock; commands pass it to core services instead of reading the system time. */
    public Clock clock() {
        return clock;
    }

    /** Whether {@code --debug} was given. */
    public boolean debug() {
        return debug;
    }

    /** The format chosen with {@code -o/--output}. */
    public OutputFormat output() {
        return output;
    }

    /** Prints {@code view} on stdout in the chosen format and returns {@link ExitCode#SUCCESS}'s code. */
    public int render(View view) {
        output.renderer().render(view, out());
        return ExitCode.SUCCESS.code();
    }

    /** Standard output, for commands that print something other than a view (e.g. a completion script). */
    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error, for progress and warnings. */
    public PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
