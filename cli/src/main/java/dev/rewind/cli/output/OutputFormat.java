package dev.rewind.cli.output;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;

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

    /** Parses {@code table}, {@code json} or {@code yaml} (any case) for picocli, naming the choices on error. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return Arrays.stream(values())
                    .filter(format -> format.name().equalsIgnoreCase(value.strip()))
                    .findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "'" + value + "' is not one of " + String.join(", ", new Names())));
        }
    }

    /** The lower-case names shown in help and offered by shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(format -> format.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
