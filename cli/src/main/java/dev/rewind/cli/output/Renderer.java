package dev.rewind.cli.output;

import java.io.PrintWriter;

/**
 * Prints a {@link View} on stdout in one {@link OutputFormat}. Implementations are stateless and thread-safe.
 */
public sealed interface Renderer permits TableRenderer, JsonRenderer, YamlRenderer {
    /** Writes {@code view} followed by a line break. */
    void render(View view, PrintWriter out);
}
