package dev.rewind.kopia.snapshot;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.manifest.ManifestEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A snapshot manifest (kopia-format.md §6.2; kopia: {@code snapshot/manifest.go}), decoded from the {@code data} of a
 * manifest entry labelled {@code type=snapshot}.
 *
 * <p>Retention reasons and storage statistics are computed by the kopia CLI and never stored, so they are absent.
 *
 * @param id the manifest entry id
 * @param source {@code source}: user, host and path
 * @param description {@code description} (often empty)
 * @param startAt {@code startTime}, nanosecond precision
 * @param endAt {@code endTime}, nanosecond precision
 * @param stats {@code stats} of this run
 * @param incompleteReason {@code incomplete}: {@code checkpoint}, {@code canceled} or {@code limit reached}; empty for
 *                         a complete snapshot
 * @param root {@code rootEntry}: a directory for a directory snapshot, a file for a single-file snapshot; empty when
 *             the manifest has none (kopia's verifier skips such manifests)
 * @param tags {@code tags} ({@code tag:<key>} → value)
 * @param pins {@code pins}
 */
public record SnapshotManifest(
        SnapshotId id,
        SourceInfo source,
        String description,
        Instant startAt,
        Instant endAt,
        SnapshotStats stats,
        Optional<String> incompleteReason,
        Optional<DirectoryEntry> root,
        Map<String, String> tags,
        List<String> pins) {

    public SnapshotManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(endAt, "endAt");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(incompleteReason, "incompleteReason");
        Objects.requireNonNull(root, "root");
        tags = Map.copyOf(tags);
        pins = List.copyOf(pins);
    }

    /**
     * Decodes a manifest entry. Throws {@link Reason#INVALID_INPUT} if the entry is not labelled
     * {@code type=snapshot}, {@link Reason#CORRUPT} naming the manifest if its payload is malformed.
     */
    public static SnapshotManifest fromEntry(ManifestEntry entry) {
        if (!"snapshot".equals(entry.labels().get("type"))) {
            throw new RewindException(Reason.INVALID_INPUT, "manifest " + entry.id() + " is not a snapshot (type="
                    + entry.labels().getOrDefault("type", "") + ")");
        }
        String where = "snapshot manifest " + entry.id();
        JsonNode data = SnapshotJson.read(where, entry.dataJson());
        JsonNode sourceNode = data.path("source");
        SourceInfo source = sourceNode.isObject()
                ? new SourceInfo(SnapshotJson.string(where + " source", sourceNode, "userName"),
                        SnapshotJson.string(where + " source", sourceNode, "host"),
                        SnapshotJson.string(where + " source", sourceNode, "path"))
                : new SourceInfo(entry.labels().getOrDefault("username", ""),
                        entry.labels().getOrDefault("hostname", ""), entry.labels().getOrDefault("path", ""));
        Instant startAt = SnapshotJson.optionalTime(where, data, "startTime")
                .orElseThrow(() -> SnapshotJson.corrupt(where, "has no startTime"));
        Instant endAt = SnapshotJson.optionalTime(where, data, "endTime")
                .orElseThrow(() -> SnapshotJson.corrupt(where, "has no endTime"));
        String incomplete = SnapshotJson.string(where, data, "incomplete");
        JsonNode rootNode = data.path("rootEntry");
        Optional<DirectoryEntry> root = rootNode.isMissingNode() || rootNode.isNull()
                ? Optional.empty()
                : Optional.of(SnapshotJson.entry(where + " rootEntry", rootNode));
        return new SnapshotManifest(
                new SnapshotId(entry.id()),
                source,
                SnapshotJson.string(where, data, "description"),
                startAt,
                endAt,
                SnapshotJson.stats(where + " stats", data.path("stats")),
                incomplete.isEmpty() ? Optional.empty() : Optional.of(incomplete),
                root,
                SnapshotJson.stringMap(where + " tags", data.path("tags")),
                SnapshotJson.stringList(where + " pins", data.path("pins")));
    }

    /** Whether the snapshot finished (no {@code incomplete} reason). */
    public boolean isComplete() {
        return incompleteReason.isEmpty();
    }

    /** The start time exactly as kopia writes it — the value for Volsync's {@code restoreAsOf} (volsync.md §2.3). */
    public String startTimeText() {
        return KopiaTimestamp.format(startAt);
    }

    /** The root entry; {@link Reason#NOT_FOUND} naming the snapshot when the manifest has none. */
    public DirectoryEntry getRoot() {
        return root.orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                "snapshot " + id + " of " + source + " has no root entry"));
    }

    /** The whole-tree summary of a directory snapshot, when stored. */
    public Optional<DirectorySummary> rootSummary() {
        return root.flatMap(entry -> entry instanceof DirectoryEntry.Directory dir ? dir.summary() : Optional.empty());
    }
}
