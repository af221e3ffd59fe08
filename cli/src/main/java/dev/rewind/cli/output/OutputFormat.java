package dev.rewind.cli.output;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** The value of the global {@code -o/--output} option. */
public enum OutputFormat {
    TABLE,
    JSON,
    YAML;

    /** The renderer for this format. */
    public Renderer renderer() {
        return switch (this) {
            case TABLE -> new TableRenderer();
            case JSON -> new JsonRenderer();
            case YAML -> new YamlRenderer();
        };
    }

    /** The lower-case names shown in help and offered by shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(format -> format.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
