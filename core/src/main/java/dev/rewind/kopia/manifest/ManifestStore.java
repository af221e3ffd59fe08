package dev.rewind.kopia.manifest;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.content.ContentSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The merged, live manifest entries of a repository (kopia-format.md §6.1), with label queries — written by hand
 * after kopia's {@code repo/manifest/committed_manifest_manager.go}. Immutable and thread-safe once loaded.
 *
 * <p>Merge rule: for each manifest id the entry with the latest {@code modified} wins; entries whose winner is a
 * deletion marker are dropped. kopia leaves exact ties to map order (nondeterministic); this store breaks them
 * deterministically as kopia-format.md §11.4 suggests: a non-deleted entry beats a deletion marker, then the entry
 * from the higher content id wins (content ids compared as in the index), then the later entry within the same
 * content.
 */
public final class ManifestStore {
    private static final Comparator<ManifestEntry> PRECEDENCE = Comparator
            .comparing(ManifestEntry::modifiedAt)
            .thenComparing(entry -> !entry.deleted())
            .thenComparing(ManifestEntry::content);

    private final SortedMap<ManifestId, ManifestEntry> live;

    private ManifestStore(SortedMap<ManifestId, ManifestEntry> live) {
        this.live = live;
    }

    /**
     * Reads every live manifest content of the source (in content-id order) and merges their entries. A content that
     * fails to parse is {@link Reason#CORRUPT} naming it.
     */
    public static ManifestStore load(ContentSource contents) {
        List<ContentId> ids;
        try (Stream<ContentId> stream = contents.manifestContents()) {
            ids = stream.sorted().toList();
        }
        List<ManifestEntry> all = new ArrayList<>();
        List<byte[]> payloads = contents.readAll(ids);
        for (int i = 0; i < ids.size(); i++) {
            all.addAll(ManifestContent.parse(ids.get(i), payloads.get(i)));
        }
        return merge(all);
    }

    /**
     * Merges entries read from manifest contents. For identical precedence the entry later in {@code entries} wins,
     * so callers pass entries of one content in stored order.
     */
    public static ManifestStore merge(Collection<ManifestEntry> entries) {
        TreeMap<ManifestId, ManifestEntry> newest = new TreeMap<>();
        for (ManifestEntry entry : entries) {
            newest.merge(entry.id(), entry, (current, candidate) ->
                    PRECEDENCE.compare(candidate, current) >= 0 ? candidate : current);
        }
        newest.values().removeIf(ManifestEntry::deleted);
        return new ManifestStore(newest);
    }

    /** All live entries, ordered by id. */
    public List<ManifestEntry> entries() {
        return List.copyOf(live.values());
    }

    /** The live entries carrying every given label with exactly the given value (all entries for an empty map). */
    public List<ManifestEntry> find(Map<String, String> labels) {
        return live.values().stream().filter(entry -> entry.hasLabels(labels)).toList();
    }

    /** The live entry with this id, or empty (never existed, or deleted). */
    public Optional<ManifestEntry> findEntry(ManifestId id) {
        return Optional.ofNullable(live.get(id));
    }

    /** The live entry with this id; {@link Reason#NOT_FOUND} naming the id otherwise. */
    public ManifestEntry getEntry(ManifestId id) {
        return findEntry(id).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                "manifest " + id + " does not exist in the repository (or was deleted)"));
    }

    public int size() {
        return live.size();
    }
}
