package dev.rewind.kopia.format;

/**
 * An entry of {@code requiredFeatures} (kopia: internal/feature). A reader that does not understand the feature must
 * refuse the repository unless {@code warnOnly} is set.
 *
 * @param feature the feature name, e.g. {@code index-v2}
 * @param warnOnly {@code ifNotUnderstood.warn}
 * @param message {@code ifNotUnderstood.message}, possibly empty
 */
public record RequiredFeature(String feature, boolean warnOnly, String message) {

    static RequiredFeature parse(FormatJson json) {
        var ifNotUnderstood = json.object("ifNotUnderstood");
        return new RequiredFeature(json.string("feature"),
                ifNotUnderstood.map(n -> n.bool("warn")).orElse(false),
                ifNotUnderstood.map(n -> n.string("message")).orElse(""));
    }
}
