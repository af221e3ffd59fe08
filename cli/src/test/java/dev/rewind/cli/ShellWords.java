package dev.rewind.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one logical shell line (continuations already joined) into its simple commands and their words, the way a
 * reader pasting it into bash would see them: quotes removed, {@code #} comments dropped, pipelines and lists
 * ({@code | || && ; &}) separating commands, redirections ({@code > f}, {@code 2>&1}, {@code < f}) removed. Expansions
 * ({@code $VAR}, {@code $(…)}) and {@code <placeholder>}s are kept verbatim and marked, since their value is unknown.
 * Hand-written for documentation checks; it is not a full shell grammar (no here-docs, no nested quoting in
 * {@code $(…)} beyond balanced parentheses).
 */
final class ShellWords {
    /** One word; {@code unknown} when its value depends on an expansion or a {@code <placeholder>}. */
    record Word(String text, boolean unknown) {
    }

    private final String line;
    private final List<List<Word>> commands = new ArrayList<>();
    private List<Word> command = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    private boolean unknown;
    private boolean redirectTarget;
    private int at;

    private ShellWords(String line) {
        this.line = line;
    }

    /** The simple commands of {@code line}, each a non-empty list of words. */
    static List<List<Word>> commands(String line) {
        return new ShellWords(line).split();
    }

    private List<List<Word>> split() {
        while (at < line.length()) {
            char c = line.charAt(at);
            if (Character.isWhitespace(c)) {
                endWord();
                at++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\'') {
                int close = closing('\'', at + 1);
                append(line.substring(at + 1, close));
                at = close + 1;
            } else if (c == '"') {
                doubleQuoted();
            } else if (c == '\\') {
                append(at + 1 < line.length() ? String.valueOf(line.charAt(at + 1)) : "");
                at += 2;
            } else if (c == '$') {
                expansion();
            } else if (c == '|' || c == '&' || c == ';') {
                endCommand();
                at += at + 1 < line.length() && line.charAt(at + 1) == c ? 2 : 1;
            } else if (c == '>') {
                redirection();
            } else if (c == '<') {
                angle();
            } else {
                append(String.valueOf(c));
                at++;
            }
        }
        endCommand();
        return commands;
    }

    private void doubleQuoted() {
        at++;
        inWord = true;
        while (at < line.length() && line.charAt(at) != '"') {
            char c = line.charAt(at);
            if (c == '\\' && at + 1 < line.length()) {
                append(String.valueOf(line.charAt(at + 1)));
                at += 2;
            } else if (c == '$') {
                expansion();
            } else {
                append(String.valueOf(c));
                at++;
            }
        }
        at++;
    }

    /** {@code $NAME}, {@code ${…}} or {@code $(…)}: kept verbatim, the word becomes unknown. */
    private void expansion() {
        int end = at + 1;
        if (end < line.length() && (line.charAt(end) == '(' || line.charAt(end) == '{')) {
            end = balanced(end) + 1;
        } else {
            while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
                end++;
            }
        }
        append(line.substring(at, end));
        unknown = true;
        at = end;
    }

    /** {@code >}, {@code >>}, {@code 2>}, {@code >&2}, {@code 2>&1}: the operator and its target are dropped. */
    private void redirection() {
        if (inWord && word.toString().chars().allMatch(Character::isDigit)) {
            word.setLength(0);
            inWord = false;
        }
        endWord();
        at++;
        if (at < line.length() && line.charAt(at) == '>') {
            at++;
        }
        if (at < line.length() && line.charAt(at) == '&') {
            at++;
        }
        redirectTarget = true;
    }

    /** {@code <placeholder>} is a word; {@code <(…)} a process substitution; otherwise an input redirection. */
    private void angle() {
        int close = line.indexOf('>', at);
        int space = indexOfWhitespace(at);
        if (at + 1 < line.length() && line.charAt(at + 1) == '(') {
            int end = balanced(at + 1) + 1;
            append(line.substring(at, end));
            unknown = true;
            at = end;
        } else if (close > at + 1 && close < space) {
            append(line.substring(at, close + 1));
            unknown = true;
            at = close + 1;
        } else {
            endWord();
            at++;
            redirectTarget = true;
        }
    }

    private int indexOfWhitespace(int from) {
        for (int i = from; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return line.length();
    }

    /** The index of the bracket closing the one at {@code open} (or the last index when unbalanced). */
    private int balanced(int open) {
        char opening = line.charAt(open);
        char closing = opening == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        return line.length() - 1;
    }

    private int closing(char quote, int from) {
        int close = line.indexOf(quote, from);
        return close < 0 ? line.length() : close;
    }

    private void append(String text) {
        word.append(text);
        inWord = true;
    }

    private void endWord() {
        if (!inWord) {
            return;
        }
        if (redirectTarget) {
            redirectTarget = false;
        } else {
            command.add(new Word(word.toString(), unknown));
        }
        word.setLength(0);
        inWord = false;
        unknown = false;
    }

    private void endCommand() {
        endWord();
        redirectTarget = false;
        if (!command.isEmpty()) {
            commands.add(List.copyOf(command));
        }
        command = new ArrayList<>();
    }
}
