package dev.rewind.kopia.snapshot;

import dev.rewind.kopia.manifest.ManifestId;
import java.util.Objects;

/**
 * The id of a snapshot: the id of its manifest entry (kopia-format.md §6.2 — the {@code id} inside the payload is
 * written empty). This is what {@code kopia snapshot list} shows and what Volsync logs as
 * {@code Selected snapshot with id: <id>}.
 *
 * @param manifestId the manifest entry id
 */
public record SnapshotId(ManifestId manifestId) implements Comparable<SnapshotId> {

    public SnapshotId {
        Objects.requireNonNull(manifestId, "manifestId");
    }

    /** Parses the hex text form ({@link dev.rewind.error.Reason#INVALID_INPUT} when malformed). */
    public static SnapshotId parse(String text) {
        return new SnapshotId(ManifestId.parse(text));
    }

    @Override
    public int compareTo(SnapshotId other) {
        return manifestId.compareTo(other.manifestId);
    }

    @Override
    public String toString() {
        return manifestId.toString();
    }
}
