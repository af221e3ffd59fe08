package dev.rewind.cli.output;

import java.io.PrintWriter;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** YAML of {@link ViewDocument#of(View)}, without a leading {@code ---} marker. */
public final class YamlRenderer implements Renderer {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    @Override
    public void render(View view, PrintWriter out) {
        out.print(MAPPER.writeValueAsString(ViewDocument.of(view, MAPPER)));
        out.flush();
    }
}
