package dev.rewind.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code rewind …} command line shown in a Markdown document, with where it stands ({@code file:line}).
 *
 * @param form  how much of a command line the text claims to be
 * @param text  the command as written (continuations joined, table escapes {@code \|} undone)
 * @param words for {@link Form#PASTE} and {@link Form#MENTION}: the shell words after {@code rewind}
 */
record DocumentedCommand(String file, int line, Form form, String text, List<ShellWords.Word> words) {
    /** How a command line is shown, which decides how strictly it is checked. */
    enum Form {
        /** A line of a fenced code block: meant to be pasted, so it must parse completely. */
        PASTE,
        /** An inline code span without synopsis marks: an excerpt, so required options may be left out. */
        MENTION,
        /** An inline code span with {@code [ ] ( ) | …}: a synopsis, whose subcommands and options must exist. */
        SYNOPSIS,
        /** Options named in a wrapper script's usage text: each must exist on the subcommand it wraps. */
        OPTIONS
    }

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)\\s*([\\w-]*)");
    /** Fence languages whose every line is shell input; {@code console} blocks hold commands only after a prompt. */
    private static final List<String> SHELL_LANGUAGES = List.of("", "sh", "bash", "shell", "zsh");
    private static final List<String> SESSION_LANGUAGES = List.of("console", "shell-session");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern SYNOPSIS_MARKS = Pattern.compile("[\\[\\]()|…]|\\.\\.\\.");
    private static final Pattern WRAPPED = Pattern.compile("wrapper over `rewind ([a-z][a-z -]*)`");
    private static final Pattern NAMED_OPTION = Pattern.compile("(?<![\\w-])--?[A-Za-z][\\w-]*");
    private static final Pattern PROMPT = Pattern.compile("^\\s*\\$\\s+");

    /** What the lines of a fenced block are. */
    private enum Block {
        NONE, SHELL, SESSION, OTHER;

        static Block of(String language) {
            if (SHELL_LANGUAGES.contains(language)) {
                return SHELL;
            }
            return SESSION_LANGUAGES.contains(language) ? SESSION : OTHER;
        }
    }

    DocumentedCommand {
        words = List.copyOf(words);
    }

    /** {@code file:line}, for failure messages. */
    String where() {
        return file + ":" + line;
    }

    /**
     * Every {@code rewind …} command line of a Markdown document: in fenced shell code blocks (no language, sh, bash,
     * shell, zsh; in console blocks only the lines after a {@code $ } prompt) one per simple command, continuation
     * lines joined, comments, pipes and redirections dropped; and in inline code spans outside code blocks (table
     * cells included). Blocks of other languages (yaml, json, text…) are output or data, not commands.
     *
     * @param file  the name to report, relative to the repository root
     * @param lines the document's lines
     */
    static List<DocumentedCommand> in(String file, List<String> lines) {
        List<DocumentedCommand> found = new ArrayList<>();
        Block block = Block.NONE;
        StringBuilder logical = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.find()) {
                block = block == Block.NONE ? Block.of(fence.group(2).toLowerCase(java.util.Locale.ROOT)) : Block.NONE;
                continue;
            }
            if (block == Block.NONE) {
                found.addAll(spans(file, i + 1, line));
                continue;
            }
            if (block == Block.OTHER || block == Block.SESSION && logical.isEmpty() && !PROMPT.matcher(line).find()) {
                continue;
            }
            if (logical.isEmpty()) {
                start = i + 1;
            }
            String stripped = line.stripTrailing();
            if (stripped.endsWith("\\") && !stripped.endsWith("\\\\")) {
                logical.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            logical.append(stripped);
            found.addAll(pasted(file, start, logical.toString()));
            logical.setLength(0);
        }
        return found;
    }

    /**
     * The options a wrapper script's header comment names (its usage text), when the header says it is a
     * "wrapper over `rewind SUBCOMMAND`"; empty for any other script.
     *
     * @param file  the name to report, relative to the repository root
     * @param lines the script's lines
     */
    static List<DocumentedCommand> inWrapper(String file, List<String> lines) {
        int end = 0;
        while (end < lines.size() && lines.get(end).startsWith("#")) {
            end++;
        }
        List<String> header = lines.subList(0, end);
        Optional<String> wrapped = WRAPPED.matcher(String.join(" ", header)).results().map(m -> m.group(1).strip())
                .findFirst();
        List<DocumentedCommand> found = new ArrayList<>();
        for (int i = 1; i < header.size() && wrapped.isPresent(); i++) {
            List<String> options = NAMED_OPTION.matcher(header.get(i)).results().map(MatchResult::group).toList();
            if (!options.isEmpty()) {
                found.add(new DocumentedCommand(file, i + 1, Form.OPTIONS,
                        "rewind " + wrapped.get() + " " + String.join(" ", options), List.of()));
            }
        }
        return found;
    }

    private static List<DocumentedCommand> pasted(String file, int line, String logical) {
        List<DocumentedCommand> found = new ArrayList<>();
        String text = logical.strip().replaceAll("\\s{2,}", " ");
        for (List<ShellWords.Word> command : ShellWords.commands(PROMPT.matcher(logical).replaceFirst(""))) {
            rewindArguments(command).ifPresent(arguments ->
                    found.add(new DocumentedCommand(file, line, Form.PASTE, text, arguments)));
        }
        return found;
    }

    private static List<DocumentedCommand> spans(String file, int line, String text) {
        boolean tableRow = text.stripLeading().startsWith("|");
        List<DocumentedCommand> found = new ArrayList<>();
        Matcher span = CODE_SPAN.matcher(text);
        while (span.find()) {
            String code = (tableRow ? span.group(1).replace("\\|", "|") : span.group(1)).strip();
            if (!code.startsWith("rewind ")) {
                continue;
            }
            if (SYNOPSIS_MARKS.matcher(code).find()) {
                found.add(new DocumentedCommand(file, line, Form.SYNOPSIS, code, List.of()));
            } else {
                for (List<ShellWords.Word> command : ShellWords.commands(code)) {
                    rewindArguments(command).ifPresent(arguments ->
                            found.add(new DocumentedCommand(file, line, Form.MENTION, code, arguments)));
                }
            }
        }
        return found;
    }

    /** The words after {@code rewind} (or {@code …/rewind}), leading {@code NAME=value} assignments skipped. */
    private static Optional<List<ShellWords.Word>> rewindArguments(List<ShellWords.Word> command) {
        int first = 0;
        while (first < command.size() && command.get(first).text().matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            first++;
        }
        if (first >= command.size()) {
            return Optional.empty();
        }
        String program = command.get(first).text();
        boolean rewind = program.equals("rewind") || program.endsWith("/rewind");
        return rewind ? Optional.of(command.subList(first + 1, command.size())) : Optional.empty();
    }
}
