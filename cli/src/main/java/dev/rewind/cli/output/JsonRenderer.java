package dev.rewind.cli.output;

import java.io.PrintWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Pretty-printed JSON of {@link ViewDocument#of(View)}. */
public final class JsonRenderer implements Renderer {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @Override
    public void render(View view, PrintWriter out) {
        out.println(MAPPER.writeValueAsString(ViewDocument.of(view, MAPPER)));
        out.flush();
    }
}
