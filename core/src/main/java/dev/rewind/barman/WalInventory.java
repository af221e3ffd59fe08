package dev.rewind.barman;

import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What one server's {@code wals/} holds, built from a single streamed pass over the listing (cnpg-barman.md §4.2,
 * §4.3) in a compact form.
 *
 * <p><b>Memory bound.</b> Full segments are not kept as objects: per timeline they are folded into runs of
 * consecutive segment numbers ({@link SegmentRuns}), so memory is O(timelines + runs + history files + partial files
 * + anomalies), independent of the number of segments — a 100k-segment archive without gaps costs one run. The
 * listing may arrive in any order. Anomaly lists (unknown, empty, misplaced, duplicate objects) keep at most
 * {@value #ANOMALY_LIMIT} entries each; {@link #anomalyCount()} still counts them all.
 */
public final class WalInventory {
    static final int ANOMALY_LIMIT = 1000;

    private final WalSegmentSize segmentSize;
    private final Map<Long, SegmentRuns> segments = new TreeMap<>();
    private final Map<Long, WalFile> histories = new TreeMap<>();
    private final List<WalFile> partials = new ArrayList<>();
    private final List<BlobId> unknown = new ArrayList<>();
    private final List<BlobId> empty = new ArrayList<>();
    private final List<BlobId> misplaced = new ArrayList<>();
    private final List<WalFile> duplicates = new ArrayList<>();
    private long objectCount;
    private long segmentCount;
    private long backupLabelCount;
    private long anomalyCount;

    private WalInventory(WalSegmentSize segmentSize) {
        this.segmentSize = segmentSize;
    }

    /**
     * Consumes {@code listing} (every blob under {@code walsPrefix}, which ends with {@code wals/}) once. The caller
     * owns and closes the stream.
     */
    public static WalInventory scan(Stream<BlobMetadata> listing, String walsPrefix, WalSegmentSize segmentSize) {
        var inventory = new WalInventory(segmentSize);
        listing.forEach(blob -> inventory.add(blob, walsPrefix));
        return inventory;
    }

    private void add(BlobMetadata blob, String walsPrefix) {
        objectCount++;
        String key = blob.id().value();
        if (!key.startsWith(walsPrefix)) {
            return;
        }
        Optional<WalFile> classified = WalFile.classify(blob, key.substring(walsPrefix.length()));
        if (classified.isEmpty()) {
            note(unknown, blob.id());
            return;
        }
        WalFile file = classified.get();
        if (blob.lengthBytes() == 0) {
            note(empty, blob.id());
        }
        if (!file.expectedPlacement()) {
            note(misplaced, blob.id());
        }
        switch (file.kind()) {
            case SEGMENT -> addSegment(file);
            case PARTIAL -> partials.add(file);
            case BACKUP_LABEL -> backupLabelCount++;
            case HISTORY -> {
                WalFile previous = histories.putIfAbsent(file.timeline(), file);
                if (previous != null) {
                    note(duplicates, file);
                }
            }
        }
    }

    private void addSegment(WalFile file) {
        WalName name = file.segment().orElseThrow();
        if (!name.fits(segmentSize)) {
            note(unknown, file.blob().id());
            return;
        }
        segmentCount++;
        boolean added = segments.computeIfAbsent(name.timeline(), t -> new SegmentRuns())
                .add(name.segmentNumber(segmentSize), file.blob().modifiedAt());
        if (!added) {
            note(duplicates, file);
        }
    }

    private <T> void note(List<T> list, T item) {
        anomalyCount++;
        if (list.size() < ANOMALY_LIMIT) {
            list.add(item);
        }
    }

    public WalSegmentSize segmentSize() {
        return segmentSize;
    }

    /** Timelines that have at least one full segment. */
    public List<Long> segmentTimelines() {
        return List.copyOf(segments.keySet());
    }

    /** Whether the full segment {@code name} is archived (under any compression). */
    public boolean contains(WalName name) {
        SegmentRuns runs = segments.get(name.timeline());
        return runs != null && name.fits(segmentSize) && runs.contains(name.segmentNumber(segmentSize));
    }

    /** The highest full segment archived on {@code timeline}. */
    public Optional<WalName> highestSegment(long timeline) {
        SegmentRuns runs = segments.get(timeline);
        if (runs == null) {
            return Optional.empty();
        }
        OptionalLong highest = runs.highest();
        return highest.isPresent()
                ? Optional.of(WalName.fromSegmentNumber(timeline, highest.getAsLong(), segmentSize))
                : Optional.empty();
    }

    /** The archived segments of {@code timeline} as ranges, lowest first. */
    public List<WalRange> ranges(long timeline) {
        SegmentRuns runs = segments.get(timeline);
        if (runs == null) {
            return List.of();
        }
        return runs.runs().stream().map(r -> WalRange.of(timeline, r.first(), r.last(), segmentSize)).toList();
    }

    /** The missing segments of {@code timeline} between two segment numbers (inclusive). */
    List<WalRange> missing(long timeline, long fromSegno, long toSegno) {
        SegmentRuns runs = segments.getOrDefault(timeline, new SegmentRuns());
        return runs.missing(fromSegno, toSegno).stream()
                .map(r -> WalRange.of(timeline, r[0], r[1], segmentSize)).toList();
    }

    /**
     * The latest modification time among the run of consecutive segments that contains {@code name}. Segments are
     * uploaded in order, so for the last segment of a run this is its own upload time.
     */
    Optional<Instant> runModifiedAt(WalName name) {
        SegmentRuns runs = segments.get(name.timeline());
        return runs == null ? Optional.empty()
                : runs.find(name.segmentNumber(segmentSize)).map(SegmentRuns.Run::latestModifiedAt);
    }

    /** Runs of {@code timeline} at or after segment number {@code fromSegno}, for abandoned-branch reports. */
    List<WalRange> rangesFrom(long timeline, long fromSegno) {
        SegmentRuns runs = segments.get(timeline);
        if (runs == null) {
            return List.of();
        }
        return runs.runsFrom(fromSegno).stream().map(r -> WalRange.of(timeline, r.first(), r.last(), segmentSize))
                .toList();
    }

    /** History files by timeline. */
    public Map<Long, WalFile> histories() {
        return Collections.unmodifiableMap(histories);
    }

    public List<WalFile> partials() {
        return Collections.unmodifiableList(partials);
    }

    /** Objects under {@code wals/} that are not WAL-style (or do not fit the segment size). */
    public List<BlobId> unknownObjects() {
        return Collections.unmodifiableList(unknown);
    }

    public List<BlobId> emptyObjects() {
        return Collections.unmodifiableList(empty);
    }

    /** WAL-style objects outside the directory barman puts them in. */
    public List<BlobId> misplacedObjects() {
        return Collections.unmodifiableList(misplaced);
    }

    /** Second objects for a segment or history already seen (e.g. {@code .gz} and {@code .zst}). */
    public List<WalFile> duplicates() {
        return Collections.unmodifiableList(duplicates);
    }

    public long objectCount() {
        return objectCount;
    }

    public long segmentCount() {
        return segmentCount;
    }

    public long backupLabelCount() {
        return backupLabelCount;
    }

    public long anomalyCount() {
        return anomalyCount;
    }
}
