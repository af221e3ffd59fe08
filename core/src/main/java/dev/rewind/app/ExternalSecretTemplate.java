package dev.rewind.app;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ExternalSecret (external-secrets.io) reduced to what the connection switch prints: which Secret it renders and
 * its literal {@code spec.target.template.data} entries (templates such as {@code {{ .PASSWORD }}} stay unrendered).
 *
 * @param namespace       namespace
 * @param name            the ExternalSecret's name
 * @param targetName      {@code spec.target.name} (defaults to the ExternalSecret's name)
 * @param refreshInterval {@code spec.refreshInterval} as written, e.g. {@code 30m}
 * @param templateData    {@code spec.target.template.data}
 */
public record ExternalSecretTemplate(String namespace, String name, String targetName,
                                     Optional<String> refreshInterval, Map<String, String> templateData) {
    public ExternalSecretTemplate {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        templateData = Map.copyOf(templateData);
    }
}
