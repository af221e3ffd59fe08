package dev.rewind.kube;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: Flux {@code postBuild} variable substitution as the reference cluster's manifests use it —
 * {@code ${VAR}}, {@code ${VAR:=default}} and {@code ${VAR:-default}}; {@code $${…}} is an escaped literal. A
 * variable without a value or default is an error, so a fixture cannot silently keep a placeholder.
 */
final class FluxSubstitution {
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([=-])([^}]*))?}");

    private FluxSubstitution() {
    }

    static String substitute(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1);
                String value = variables.get(name);
                if (value == null) {
                    if (m.group(2) == null) {
                        throw new IllegalArgumentException("no value for ${" + name + "} and no default");
                    }
                    value = m.group(3);
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
