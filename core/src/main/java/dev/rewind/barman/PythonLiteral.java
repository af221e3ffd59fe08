package dev.rewind.barman;

/**
 * Decodes the Python string literals barman writes with {@code repr()} into backup.info (e.g.
 * {@code backup_label='START WAL LOCATION: ...\n...'}; cnpg-barman.md §3.2). Hand-written: handles single or double
 * quotes and the escapes {@code repr()} produces for text ({@code \\ \' \" \n \r \t \xHH \\uHHHH}). A value that is
 * not quoted is returned unchanged.
 */
final class PythonLiteral {
    private PythonLiteral() {
    }

    static String unquote(String literal) {
        String s = literal.strip();
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"') || s.charAt(s.length() - 1) != s.charAt(0)) {
            return s;
        }
        var out = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length() - 1) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
