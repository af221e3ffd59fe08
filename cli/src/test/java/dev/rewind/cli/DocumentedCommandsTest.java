package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rewind.cli.DocumentedCommand.Form;
import java.io.IOException;
import org.assertj.core.api.AbstractStringAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code rewind …} command line of README.md and docs/**&#47;*.md parses with the real command tree: an unknown
 * option, a missing or unknown subcommand, a wrong option arity or a malformed value in the docs fails the build
 * with the file and line.
 */
class DocumentedCommandsTest {
    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        List<DocumentedCommand> commands = documented();
        assertThat(commands).as("code-block command lines found").filteredOn(c -> c.form() == Form.PASTE)
                .hasSizeGreaterThan(20);
        assertThat(commands).as("synopses found (README's command table)").filteredOn(c -> c.form() == Form.SYNOPSIS)
                .hasSizeGreaterThan(10);

        List<String> problems = commands.stream().map(DocumentedCommandCheck::problem).flatMap(Optional::stream)
                .toList();

        assertThat(problems).withFailMessage("documented command lines that do not parse:%n%s",
                String.join(System.lineSeparator(), problems)).isEmpty();
    }

    @Test
    void everyOptionAWrapperScriptDocumentsExistsOnTheCommandItWraps() throws IOException {
        Path root = RepositoryFiles.root();
        List<DocumentedCommand> options = new ArrayList<>();
        try (Stream<Path> scripts = Files.list(root.resolve("scripts"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).sorted().toList()) {
                options.addAll(DocumentedCommand.inWrapper(root.relativize(script).toString(),
                        Files.readAllLines(script)));
            }
        }
        assertThat(options).as("usage lines of the three Volsync wrappers").extracting(DocumentedCommand::text)
                .anyMatch(text -> text.startsWith("rewind backup ")).anyMatch(t -> t.startsWith("rewind status "))
                .anyMatch(text -> text.startsWith("rewind restore "));

        List<String> problems = options.stream().map(DocumentedCommandCheck::problem).flatMap(Optional::stream)
                .toList();

        assertThat(problems).withFailMessage("wrapper usage naming options rewind does not have:%n%s",
                String.join(System.lineSeparator(), problems)).isEmpty();
    }

    @Test
    void wrapperUsageNamesOptionsOfTheWrappedCommand() {
        List<DocumentedCommand> options = DocumentedCommand.inWrapper("scripts/w.sh", List.of("#!/usr/bin/env bash",
                "# A thin wrapper over `rewind pg backup`:",
                "#   w.sh [CLUSTER] [rewind options, e.g. --wait, -o json]",
                "#   keeps paperless-ngx and re-runs", "set -e", "# --not-the-header"));

        assertThat(options).extracting(DocumentedCommand::where, DocumentedCommand::text)
                .containsExactly(tuple("scripts/w.sh:3", "rewind pg backup --wait -o"));
        assertThat(DocumentedCommandCheck.problem(options.getFirst())).isEmpty();
        assertThat(DocumentedCommandCheck.problem(new DocumentedCommand("scripts/w.sh", 3, Form.OPTIONS,
                "rewind pg backup --wait --follow", List.of()))).hasValueSatisfying(p -> assertThat(p)
                .isEqualTo("scripts/w.sh:3: `rewind pg backup --wait --follow`: 'rewind pg backup' has no option"
                        + " --follow"));
    }

    @Test
    void codeBlocksJoinContinuationsAndDropCommentsPipesAndRedirections() {
        List<DocumentedCommand> commands = DocumentedCommand.in("docs/x.md", List.of(
                "Text with `kubectl get pods` only.",
                "   ```sh",
                "   $ rewind pg restore --cluster pg -n ns --timestamp 2026-08-21T14:05:00Z \\",
                "       --new-name pg-r$(date -u +%Y%m%d) > restore.yaml   # the manifest",
                "   ./mvnw -q package && NO_COLOR=1 scripts/rewind status -o json 2>/dev/null | jq '.apps[]'",
                "   sandboxNamespace: rewind   # not a command",
                "   ```"));

        assertThat(commands).extracting(DocumentedCommand::where, DocumentedCommand::form).containsExactly(
                tuple("docs/x.md:3", Form.PASTE),
                tuple("docs/x.md:5", Form.PASTE));
        assertThat(commands.get(0).words()).extracting(ShellWords.Word::text).containsExactly("pg", "restore",
                "--cluster", "pg", "-n", "ns", "--timestamp", "2026-08-21T14:05:00Z", "--new-name",
                "pg-r$(date -u +%Y%m%d)");
        assertThat(commands.get(0).words().getLast().unknown()).isTrue();
        assertThat(commands.get(1).words()).extracting(ShellWords.Word::text).containsExactly("status", "-o", "json");
    }

    @Test
    void onlyShellBlocksHoldCommandsAndConsoleBlocksOnlyAfterThePrompt() {
        List<DocumentedCommand> commands = DocumentedCommand.in("docs/x.md", List.of(
                "```yaml", "rewind verify --bogus", "```",
                "```console", "$ rewind --version", "rewind 1.2.3", "```",
                "```text", "rewind status --nope", "```",
                "~~~bash", "rewind ls 1a2b", "~~~"));

        assertThat(commands).extracting(DocumentedCommand::where, DocumentedCommand::text).containsExactly(
                tuple("docs/x.md:5", "$ rewind --version"), tuple("docs/x.md:12", "rewind ls 1a2b"));
    }

    @Test
    void inlineSpansAreMentionsOrSynopsesWithTableEscapesUndone() {
        List<DocumentedCommand> commands = DocumentedCommand.in("README.md", List.of(
                "| `rewind pg status\\|backups (--cluster C \\| --archive URL)` | `rewind completion` |",
                "Run `rewind restore --app X --check-command 'test -s db'` or see `rewind-drills`."));

        assertThat(commands).extracting(DocumentedCommand::form, DocumentedCommand::text).containsExactly(
                tuple(Form.SYNOPSIS,
                        "rewind pg status|backups (--cluster C | --archive URL)"),
                tuple(Form.MENTION, "rewind completion"),
                tuple(Form.MENTION, "rewind restore --app X --check-command 'test -s db'"));
        assertThat(commands.get(2).words()).extracting(ShellWords.Word::text).endsWith("--check-command", "test -s db");
    }

    @Test
    void problemsNameTheFileAndLine() {
        problemOf(Form.PASTE, "rewind restore --app a --bogus")
                .startsWith("docs/x.md:7: `rewind restore --app a --bogus`: ").contains("'--bogus'");
        problemOf(Form.PASTE, "rewind pg").startsWith("docs/x.md:7: ").contains("'rewind pg' needs a subcommand");
        problemOf(Form.PASTE, "rewind pg statos --cluster c").contains("statos");
        problemOf(Form.PASTE, "rewind backup --app").contains("--app");
        problemOf(Form.PASTE, "rewind drill --app a --as-of yesterday").contains("yesterday");
        problemOf(Form.PASTE, "rewind drill --generation weekly").as("required --app missing").contains("--app");
    }

    @Test
    void excerptsPlaceholdersAndExpansionsAreAccepted() {
        assertThat(problem(Form.MENTION, "rewind drill --generation weekly")).isEmpty();
        assertThat(problem(Form.MENTION, "rewind restore --app X --timestamp T --with-database")).isEmpty();
        assertThat(problem(Form.PASTE, "rewind drill --app <app> --as-of \"$T\" --timeout $(cat t)")).isEmpty();
        assertThat(problem(Form.MENTION, "rewind <command> --help")).isEmpty();
        assertThat(problem(Form.PASTE, "rewind restore --help")).isEmpty();
    }

    @Test
    void synopsesNeedExistingSubcommandsOptionsAndArities() {
        assertThat(problem(Form.SYNOPSIS, "rewind pg status|backups|verify (--cluster C [-n NS] | --archive URL)"))
                .isEmpty();
        problemOf(Form.SYNOPSIS, "rewind pg status|backup [--wait]")
                .contains("'rewind pg status' has no option --wait");
        problemOf(Form.SYNOPSIS, "rewind pg stat|backups [--cluster C]")
                .contains("'rewind pg' has no subcommand 'stat'");
        problemOf(Form.SYNOPSIS, "rewind drill --app X [--timeout]").contains("--timeout needs a value");
        problemOf(Form.SYNOPSIS, "rewind pg backup --cluster C [--wait D]").contains("--wait takes no value");
    }

    /** The problem the check finds with {@code text}, which must be one. */
    private static AbstractStringAssert<?> problemOf(Form form, String text) {
        Optional<String> problem = problem(form, text);
        assertThat(problem).as("a problem with %s", text).isPresent();
        return assertThat(problem.orElseThrow());
    }

    private static Optional<String> problem(Form form, String text) {
        List<DocumentedCommand> found = DocumentedCommand.in("docs/x.md", form == Form.PASTE
                ? List.of("", "", "", "", "", "```", text, "```") : List.of("", "", "", "", "", "", "`" + text + "`"));
        assertThat(found).extracting(DocumentedCommand::form).containsExactly(form);
        return DocumentedCommandCheck.problem(found.getFirst());
    }

    /** README.md and docs/**&#47;*.md of the repository this module is built in (never /work/shared). */
    private static List<DocumentedCommand> documented() throws IOException {
        Path root = RepositoryFiles.root();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<DocumentedCommand> commands = new ArrayList<>();
        for (Path file : files) {
            commands.addAll(DocumentedCommand.in(root.relativize(file).toString(), Files.readAllLines(file)));
        }
        return commands;
    }
}
