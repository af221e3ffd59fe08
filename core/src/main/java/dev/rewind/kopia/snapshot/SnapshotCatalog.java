package dev.rewind.kopia.snapshot;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.manifest.ManifestStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The snapshots of a repository, by source, with Volsync-compatible selection (kopia-format.md §6.3–§6.4, volsync.md
 * §2.3–§2.4). Immutable and thread-safe.
 *
 * <p>Order: {@link #snapshots(SourceInfo)} lists newest first — start time descending, then end time descending
 * (kopia's {@code SortByTime}), then snapshot id descending so that the order is total.
 *
 * <p>Selection "as of" T ({@link #findAsOf}): among the eligible snapshots of the source, newest first, keep those
 * whose <em>start</em> time is at or before T — compared as instants, so offsets and fractional seconds are exact —
 * and take element {@code previous} (0 = the newest such snapshot). This is the rule Volsync's Kopia mover intends
 * ({@code restoreAsOf} + {@code previous}, volsync.md §2.3) with two deliberate differences:
 * <ul>
 *   <li>Volsync compares RFC 3339 <em>strings</em> in jq, which misorders offsets ({@code +02:00}) and different
 *       fraction lengths ({@code …:00.5Z} sorts before {@code …:00Z}); this compares instants. To make Volsync pick a
 *       snapshot chosen here, send {@link SnapshotManifest#startTimeText()} with {@code previous: 0}.</li>
 *   <li>Volsync's list includes incomplete (checkpoint) snapshots; {@link SnapshotEligibility} makes that choice
 *       explicit ({@link SnapshotEligibility#ALL} reproduces Volsync).</li>
 * </ul>
 * kopia's own {@code snapshot restore --snapshot-time} differs again: complete snapshots only, and a time spec
 * matches anything that started strictly before the <em>end</em> of its precision window (kopia-format.md §6.4).
 */
public final class SnapshotCatalog {
    /** Newest first: start desc, end desc, id desc. */
    public static final Comparator<SnapshotManifest> NEWEST_FIRST = Comparator
            .comparing(SnapshotManifest::startAt)
            .thenComparing(SnapshotManifest::endAt)
            .thenComparing(SnapshotManifest::id)
            .reversed();

    /** The shortest id prefix {@link #getSnapshot(String)} accepts. */
    public static final int MIN_PREFIX_LENGTH = 6;

    private final Map<SourceInfo, List<SnapshotManifest>> bySource;
    private final Map<SnapshotId, SnapshotManifest> byId;

    private SnapshotCatalog(List<SnapshotManifest> snapshots) {
        Map<SourceInfo, List<SnapshotManifest>> grouped = new TreeMap<>();
        Map<SnapshotId, SnapshotManifest> ids = new TreeMap<>();
        for (SnapshotManifest snapshot : snapshots) {
            grouped.computeIfAbsent(snapshot.source(), s -> new ArrayList<>()).add(snapshot);
            ids.put(snapshot.id(), snapshot);
        }
        grouped.replaceAll((source, list) -> list.stream().sorted(NEWEST_FIRST).toList());
        this.bySource = grouped;
        this.byId = ids;
    }

    /**
     * Decodes every live manifest labelled {@code type=snapshot}. A malformed snapshot manifest is
     * {@link Reason#CORRUPT} naming it.
     */
    public static SnapshotCatalog of(ManifestStore manifests) {
        return new SnapshotCatalog(manifests.find(Map.of("type", "snapshot")).stream()
                .map(SnapshotManifest::fromEntry).toList());
    }

    /** A catalog over already decoded manifests. */
    public static SnapshotCatalog of(List<SnapshotManifest> snapshots) {
        return new SnapshotCatalog(snapshots);
    }

    /** Every source with at least one snapshot, ordered by text form as kopia lists them. */
    public List<SourceInfo> sources() {
        return List.copyOf(new TreeSet<>(bySource.keySet()));
    }

    /** The snapshots of {@code source}, newest first; empty when the source has none (e.g. a wrong identity). */
    public List<SnapshotManifest> snapshots(SourceInfo source) {
        return bySource.getOrDefault(Objects.requireNonNull(source, "source"), List.of());
    }

    /** Every snapshot, grouped by source (in {@link #sources()} order), newest first within a source. */
    public List<SnapshotManifest> snapshots() {
        return bySource.values().stream().flatMap(List::stream).toList();
    }

    public Optional<SnapshotManifest> findSnapshot(SnapshotId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The snapshot with this id; {@link Reason#NOT_FOUND} naming it otherwise. */
    public SnapshotManifest getSnapshot(SnapshotId id) {
        return findSnapshot(id).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                "snapshot " + id + " does not exist in the repository", "list snapshots with 'rewind snapshots'",
                null));
    }

    /**
     * Resolves a snapshot named on a command line: an exact id, or a unique prefix of at least
     * {@value #MIN_PREFIX_LENGTH} characters. {@link Reason#NOT_FOUND} when nothing matches,
     * {@link Reason#INVALID_INPUT} when the text is not hex, too short, or matches several snapshots.
     */
    public SnapshotManifest getSnapshot(String idOrPrefix) {
        if (idOrPrefix == null || !idOrPrefix.matches("[0-9a-f]+")) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid snapshot id '" + idOrPrefix
                    + "': expected lowercase hex");
        }
        Optional<SnapshotManifest> exact = findSnapshot(SnapshotId.parse(idOrPrefix));
        if (exact.isPresent()) {
            return exact.get();
        }
        if (idOrPrefix.length() < MIN_PREFIX_LENGTH) {
            throw new RewindException(Reason.INVALID_INPUT, "snapshot id prefix '" + idOrPrefix
                    + "' is too short: use at least "
                    + MIN_PREFIX_LENGTH + " characters");
        }
        List<SnapshotManifest> matches = byId.values().stream()
                .filter(snapshot -> snapshot.id().toString().startsWith(idOrPrefix)).toList();
        return switch (matches.size()) {
            case 0 -> throw new RewindException(Reason.NOT_FOUND, "no snapshot id starts with '" + idOrPrefix + "'",
                    "list snapshots with 'rewind snapshots'", null);
            case 1 -> matches.getFirst();
            default -> throw new RewindException(Reason.INVALID_INPUT, "snapshot id prefix '" + idOrPrefix
                    + "' matches " + matches.size() + " snapshots; give more characters");
        };
    }

    /**
     * The {@code previous}-th newest eligible snapshot whose start time is at or before {@code asOf} (see the class
     * comment), or empty.
     *
     * @throws RewindException {@link Reason#INVALID_INPUT} if {@code previous} is negative
     */
    public Optional<SnapshotManifest> findAsOf(SourceInfo source, Instant asOf, int previous,
                                               SnapshotEligibility eligibility) {
        Objects.requireNonNull(asOf, "asOf");
        checkPrevious(previous);
        return snapshots(source).stream()
                .filter(eligibility::admits)
                .filter(snapshot -> !snapshot.startAt().isAfter(asOf))
                .skip(previous)
                .findFirst();
    }

    /** Like {@link #findAsOf}, but {@link Reason#NOT_FOUND} ("no snapshot at or before T") when nothing matches. */
    public SnapshotManifest getAsOf(SourceInfo source, Instant asOf, int previous, SnapshotEligibility eligibility) {
        return findAsOf(source, asOf, previous, eligibility).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                "no " + describe(eligibility) + "snapshot of " + source + " started at or before "
                        + KopiaTimestamp.format(asOf) + (previous > 0 ? " with previous " + previous : "")
                        + " (" + count(source, eligibility) + " eligible in total)"));
    }

    /**
     * The {@code previous}-th newest eligible snapshot (0 = latest) — Volsync's {@code previous} without
     * {@code restoreAsOf} (volsync.md §2.4) — or empty when out of range.
     */
    public Optional<SnapshotManifest> findPrevious(SourceInfo source, int previous, SnapshotEligibility eligibility) {
        checkPrevious(previous);
        return snapshots(source).stream().filter(eligibility::admits).skip(previous).findFirst();
    }

    /** Like {@link #findPrevious}, but {@link Reason#NOT_FOUND} when out of range. */
    public SnapshotManifest getPrevious(SourceInfo source, int previous, SnapshotEligibility eligibility) {
        return findPrevious(source, previous, eligibility).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                "source " + source + " has " + count(source, eligibility) + " " + describe(eligibility)
                        + "snapshots; previous " + previous + " is out of range"));
    }

    private long count(SourceInfo source, SnapshotEligibility eligibility) {
        return snapshots(source).stream().filter(eligibility::admits).count();
    }

    private static String describe(SnapshotEligibility eligibility) {
        return switch (eligibility) {
            case ALL -> "";
            case COMPLETE_ONLY -> "complete ";
        };
    }

    private static void checkPrevious(int previous) {
        if (previous < 0) {
            throw new RewindException(Reason.INVALID_INPUT, "previous must be 0 or more, got " + previous);
        }
    }
}
