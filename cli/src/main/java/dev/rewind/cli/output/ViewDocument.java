package dev.rewind.cli.output;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds the machine-readable document of a view: {@code kind}, {@code version}, then the record's components. */
final class ViewDocument {
    private ViewDocument() {
    }

    static ObjectNode of(View view, ObjectMapper mapper) {
        ObjectNode document = mapper.createObjectNode();
        document.put("kind", view.kind());
        document.put("version", view.version());
        JsonNode body = mapper.valueToTree(view);
        if (!(body instanceof ObjectNode fields)) {
            throw new IllegalArgumentException("view " + view.kind() + " must serialize to an object, got "
                    + body.getNodeType());
        }
        fields.remove("kind");
        fields.remove("version");
        document.setAll(fields);
        return document;
    }
}
