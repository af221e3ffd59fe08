package dev.rewind.kopia.manifest;

import dev.rewind.kopia.content.ContentId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of a manifest content (kopia-format.md §6.1):
 * {@code {"id":…,"labels":{…},"modified":…,"deleted":true,"data":{…}}}.
 *
 * @param id the manifest id (for a snapshot: the snapshot id)
 * @param labels the labels, e.g. {@code type=snapshot}, {@code hostname}, {@code username}, {@code path},
 *               {@code tag:<key>}; empty for a deletion marker
 * @param modifiedAt when the entry was written; the newest entry per id wins when merging
 * @param deleted whether this entry is a deletion marker
 * @param dataJson the {@code data} payload as compact JSON text; the literal {@code null} for a deletion marker
 * @param content the manifest content this entry was read from (used to break ties deterministically and to name
 *                the content in messages)
 */
public record ManifestEntry(
        ManifestId id, Map<String, String> labels, Instant modifiedAt, boolean deleted, String dataJson,
        ContentId content) {

    public ManifestEntry {
        Objects.requireNonNull(id, "id");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(dataJson, "dataJson");
        Objects.requireNonNull(content, "content");
    }

    /** Whether every given label is present on this entry with exactly that value. */
    public boolean hasLabels(Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** The labels in key order, for display. */
    public Map<String, String> sortedLabels() {
        return new TreeMap<>(labels);
    }
}
