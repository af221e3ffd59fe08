package dev.rewind.cli;

import dev.rewind.cli.DocumentedCommand.Form;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Checks a {@link DocumentedCommand} against the real picocli command tree of {@link Main#commandTree} — parse only
 * ({@code parseArgs}), nothing is ever executed.
 * <ul>
 *   <li>{@link Form#PASTE}: parses completely (known subcommand down to a leaf, known options, right arity, required
 *       options present, exclusive options not combined).</li>
 *   <li>{@link Form#MENTION}: the same, except that required options may be left out of an excerpt.</li>
 *   <li>{@link Form#SYNOPSIS}: every subcommand alternative exists, every {@code --option} named exists on it, an
 *       option that takes a value is shown with one and a flag is not.</li>
 *   <li>{@link Form#OPTIONS}: the subcommand exists and has every option named.</li>
 * </ul>
 * Values whose content the docs leave open ({@code $VAR}, {@code $(…)}, {@code <placeholder>}, a metavariable such
 * as {@code T} or {@code ID}) may fail their type conversion; any other conversion failure is a problem.
 */
final class DocumentedCommandCheck {
    private static final Pattern METAVARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern SUBCOMMANDS = Pattern.compile("[a-z][a-z0-9-]*(\\|[a-z][a-z0-9-]*)*");
    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z].*");

    private DocumentedCommandCheck() {
    }

    /** What is wrong with {@code command}, as one line starting with its {@code file:line}; empty when nothing. */
    static Optional<String> problem(DocumentedCommand command) {
        Optional<String> why = switch (command.form()) {
            case PASTE, MENTION -> parse(command);
            case SYNOPSIS -> synopsis(command.text(), true);
            case OPTIONS -> synopsis(command.text(), false);
        };
        return why.map(reason -> command.where() + ": `" + command.text() + "`: " + reason);
    }

    private static CommandLine tree() {
        return Main.commandTree(new RewindCommand(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Map.of()));
    }

    private static Optional<String> parse(DocumentedCommand command) {
        String[] args = command.words().stream().map(ShellWords.Word::text).toArray(String[]::new);
        try {
            ParseResult last = tree().parseArgs(args);
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            boolean help = last.isUsageHelpRequested() || last.isVersionHelpRequested();
            if (command.form() == Form.PASTE && !help && !last.commandSpec().subcommands().isEmpty()) {
                return Optional.of("'" + last.commandSpec().qualifiedName() + "' needs a subcommand, one of "
                        + last.commandSpec().subcommands().keySet());
            }
            return Optional.empty();
        } catch (MissingParameterException e) {
            return command.form() == Form.PASTE ? Optional.of(e.getMessage()) : Optional.empty();
        } catch (UnmatchedArgumentException e) {
            boolean placeholders = e.getUnmatched().stream().allMatch(arg -> command.words().stream()
                    .anyMatch(word -> word.unknown() && word.text().equals(arg)));
            return placeholders ? Optional.empty() : Optional.of(e.getMessage());
        } catch (ParameterException e) {
            return open(command, e.getValue()) && e.getArgSpec() != null ? Optional.empty()
                    : Optional.of(e.getMessage());
        }
    }

    /** Whether the docs leave {@code value} open on purpose (an expansion, a placeholder, a metavariable). */
    private static boolean open(DocumentedCommand command, String value) {
        return value != null && (METAVARIABLE.matcher(value).matches() || command.words().stream()
                .anyMatch(word -> word.unknown() && word.text().equals(value)));
    }

    /** @param arity whether values must follow the options that take one (and not the flags) */
    private static Optional<String> synopsis(String text, boolean arity) {
        List<String> words = List.of(text.substring("rewind".length()).strip().split("\\s+"));
        List<CommandLine> commands = List.of(tree());
        int at = 0;
        while (at < words.size() && SUBCOMMANDS.matcher(words.get(at)).matches()
                && commands.stream().allMatch(c -> !c.getSubcommands().isEmpty())) {
            List<CommandLine> next = new ArrayList<>();
            for (String name : words.get(at).split("\\|")) {
                for (CommandLine command : commands) {
                    CommandLine sub = command.getSubcommands().get(name);
                    if (sub == null) {
                        return Optional.of("'" + command.getCommandSpec().qualifiedName() + "' has no subcommand '"
                                + name + "'");
                    }
                    next.add(sub);
                }
            }
            commands = next;
            at++;
        }
        List<String> rest = Arrays.stream(String.join(" ", words.subList(at, words.size()))
                .replaceAll("[\\[\\]()|]", " ").split("\\s+")).filter(w -> !w.isBlank()).toList();
        for (int i = 0; i < rest.size(); i++) {
            Optional<String> next = i + 1 < rest.size() ? Optional.of(rest.get(i + 1)) : Optional.empty();
            for (CommandLine command : commands) {
                Optional<String> problem = OPTION.matcher(rest.get(i)).matches()
                        ? option(command, rest.get(i), arity ? next : Optional.empty(), arity) : Optional.empty();
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code word} (an {@code --option} or {@code --option=value}) followed by {@code next} on {@code command}. */
    private static Optional<String> option(CommandLine command, String word, Optional<String> next,
                                           boolean arity) {
        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        String qualified = "'" + command.getCommandSpec().qualifiedName() + "'";
        OptionSpec option = command.getCommandSpec().findOption(name);
        if (option == null || !List.of(option.names()).contains(name)) {
            return Optional.of(qualified + " has no option " + name);
        }
        if (!arity) {
            return Optional.empty();
        }
        boolean valued = word.contains("=") || next.filter(w -> !w.startsWith("-")).isPresent();
        if (option.arity().min() > 0 && !valued) {
            return Optional.of(qualified + " option " + name + " needs a value (" + option.paramLabel() + ")");
        }
        boolean metavariable = next.filter(w -> METAVARIABLE.matcher(w).matches()).isPresent();
        if (option.arity().max() == 0 && (word.contains("=")
                || metavariable && command.getCommandSpec().positionalParameters().isEmpty())) {
            return Optional.of(qualified + " option " + name + " takes no value");
        }
        return Optional.empty();
    }
}
