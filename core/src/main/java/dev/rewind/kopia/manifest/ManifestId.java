package dev.rewind.kopia.manifest;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.regex.Pattern;

/**
 * The id of a manifest entry (kopia-format.md §6.1): lowercase hex, 32 characters as kopia writes them (16 random
 * bytes). Shorter or longer hex strings are accepted so that a repository written by another version still lists.
 * A snapshot's id is the id of its manifest entry.
 *
 * @param value the hex string
 */
public record ManifestId(String value) implements Comparable<ManifestId> {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{1,128}");

    public ManifestId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid manifest id '" + value + "'");
        }
    }

    public static ManifestId parse(String text) {
        return new ManifestId(text);
    }

    @Override
    public int compareTo(ManifestId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
