package dev.rewind.kopia.snapshot;

import static dev.rewind.kopia.snapshot.SnapshotEligibility.ALL;
import static dev.rewind.kopia.snapshot.SnapshotEligibility.COMPLETE_ONLY;
import static dev.rewind.kopia.snapshot.SnapshotFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.manifest.ManifestEntry;
import dev.rewind.kopia.manifest.ManifestStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotCatalogTest {
    private static final SourceInfo APP = SourceInfo.parse("paperless-ngx@default:/data");

    private static SnapshotCatalog catalog(ManifestEntry... entries) {
        return SnapshotCatalog.of(ManifestStore.merge(List.of(entries)));
    }

    private static Optional<String> startOf(Optional<SnapshotManifest> snapshot) {
        return snapshot.map(SnapshotManifest::startTimeText);
    }

    @Test
    void asOfTakesTheNewestSnapshotStartedAtOrBeforeTComparedAsInstants() {
        // T = 2026-01-02T03:04:05.123456+02:00 = 2026-01-02T01:04:05.123456Z
        Instant asOf = OffsetDateTime.parse("2026-01-02T03:04:05.123456+02:00").toInstant();
        SnapshotCatalog catalog = catalog(
                snapshot(APP.toString(), "2026-01-02T01:04:05Z"),
                snapshot(APP.toString(), "2026-01-02T01:04:05.123456Z"),
                snapshot(APP.toString(), "2026-01-02T01:04:05.123456001Z"),
                snapshot(APP.toString(), "2026-01-02T02:00:00Z"));

        assertThat(startOf(catalog.findAsOf(APP, asOf, 0, ALL))).contains("2026-01-02T01:04:05.123456Z");
        assertThat(startOf(catalog.findAsOf(APP, asOf, 1, ALL))).contains("2026-01-02T01:04:05Z");
        assertThat(catalog.findAsOf(APP, asOf, 2, ALL)).isEmpty();
        assertThat(startOf(catalog.findAsOf(APP, asOf.plusNanos(1), 0, ALL)))
                .contains("2026-01-02T01:04:05.123456001Z");
    }

    @Test
    void boundaryEqualityIncludesTheSnapshotWhateverOffsetTIsWrittenIn() {
        SnapshotCatalog catalog = catalog(snapshot(APP.toString(), "2026-01-02T01:04:05.5Z"));
        SnapshotManifest only = catalog.snapshots(APP).getFirst();

        assertThat(catalog.findAsOf(APP, OffsetDateTime.parse("2026-01-01T21:04:05.500-04:00").toInstant(), 0, ALL))
                .contains(only);
        assertThat(catalog.findAsOf(APP, Instant.parse("2026-01-02T01:04:05.499999999Z"), 0, ALL)).isEmpty();
    }

    @Test
    void differsFromVolsyncsStringComparisonWhereThatOneIsWrong() {
        // Volsync compares "…:05.5Z" <= "…:05Z" as strings: true ('.' < 'Z'), so it would pick a snapshot started
        // half a second after T; and "…T12:30:00+02:00" sorts after "…T11:00:00Z" although it is earlier.
        SnapshotCatalog catalog = catalog(
                snapshot(APP.toString(), "2026-01-02T01:04:05.5Z"),
                snapshot(APP.toString(), "2026-01-02T11:00:00Z"),
                snapshot(APP.toString(), "2026-01-02T00:00:00Z"));

        assertThat("2026-01-02T01:04:05.5Z".compareTo("2026-01-02T01:04:05Z")).isNegative();
        assertThat(startOf(catalog.findAsOf(APP, Instant.parse("2026-01-02T01:04:05Z"), 0, ALL)))
                .contains("2026-01-02T00:00:00Z");
        assertThat("2026-01-02T11:00:00Z".compareTo("2026-01-02T12:30:00+02:00")).isNegative();
        assertThat(startOf(catalog.findAsOf(APP, OffsetDateTime.parse("2026-01-02T12:30:00+02:00").toInstant(), 0,
                ALL))).contains("2026-01-02T01:04:05.5Z");
    }

    @Test
    void startTimeNotEndTimeDecides() {
        SnapshotCatalog catalog = catalog(
                snapshot(APP.toString(), "2026-01-02T01:00:00Z", "2026-01-02T03:00:00Z", ""));

        assertThat(catalog.findAsOf(APP, Instant.parse("2026-01-02T02:00:00Z"), 0, ALL)).isPresent();
        assertThat(catalog.findAsOf(APP, Instant.parse("2026-01-02T00:59:59Z"), 0, ALL)).isEmpty();
    }

    @Test
    void eligibilityDecidesWhetherIncompleteCheckpointsCount() {
        SnapshotCatalog catalog = catalog(
                snapshot(APP.toString(), "2026-01-01T00:00:00Z"),
                snapshot(APP.toString(), "2026-01-02T00:00:00Z", "2026-01-02T00:10:00Z", "checkpoint"));
        Instant asOf = Instant.parse("2026-01-03T00:00:00Z");

        assertThat(catalog.getAsOf(APP, asOf, 0, ALL).incompleteReason()).contains("checkpoint");
        assertThat(startOf(catalog.findAsOf(APP, asOf, 0, COMPLETE_ONLY))).contains("2026-01-01T00:00:00Z");
        assertThat(catalog.findPrevious(APP, 0, ALL).orElseThrow().isComplete()).isFalse();
        assertThat(catalog.findPrevious(APP, 0, COMPLETE_ONLY).orElseThrow().isComplete()).isTrue();
        assertThat(catalog.findPrevious(APP, 1, COMPLETE_ONLY)).isEmpty();
    }

    @Test
    void previousCountsBackFromTheNewest() {
        SnapshotCatalog catalog = catalog(
                snapshot(APP.toString(), "2026-01-01T00:00:00Z"),
                snapshot(APP.toString(), "2026-01-03T00:00:00Z"),
                snapshot(APP.toString(), "2026-01-02T00:00:00Z"));

        assertThat(startOf(catalog.findPrevious(APP, 0, ALL))).contains("2026-01-03T00:00:00Z");
        assertThat(startOf(catalog.findPrevious(APP, 1, ALL))).contains("2026-01-02T00:00:00Z");
        assertThat(startOf(catalog.findPrevious(APP, 2, ALL))).contains("2026-01-01T00:00:00Z");
        assertThat(catalog.findPrevious(APP, 3, ALL)).isEmpty();
        assertThatThrownBy(() -> catalog.getPrevious(APP, 3, ALL)).isInstanceOfSatisfying(RewindException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND)).hasMessageContaining(APP.toString())
                .hasMessageContaining("has 3 snapshots");
        assertThatThrownBy(() -> catalog.findPrevious(APP, -1, ALL)).isInstanceOfSatisfying(RewindException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT));
    }

    @Test
    void nothingAtOrBeforeTIsNotFoundNamingSourceAndTime() {
        SnapshotCatalog catalog = catalog(snapshot(APP.toString(), "2026-01-02T00:00:00Z"));

        assertThatThrownBy(() -> catalog.getAsOf(APP, Instant.parse("2026-01-01T00:00:00.25Z"), 0, ALL))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining(APP.toString())
                .hasMessageContaining("at or before 2026-01-01T00:00:00.25Z");
    }

    @Test
    void listsSourcesAndSnapshotsNewestFirstWithEndTimeAsTieBreaker() {
        SnapshotCatalog catalog = catalog(
                snapshot("zeta@default:/data", "2026-01-01T00:00:00Z"),
                snapshot(APP.toString(), "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", ""),
                snapshot(APP.toString(), "2026-01-01T00:00:00Z", "2026-01-01T00:02:00Z", ""),
                snapshot("immich@media:/data", "2026-01-05T00:00:00Z"));

        assertThat(catalog.sources()).extracting(SourceInfo::toString)
                .containsExactly("immich@media:/data", "paperless-ngx@default:/data", "zeta@default:/data");
        assertThat(catalog.snapshots(APP)).extracting(s -> s.endAt().toString())
                .containsExactly("2026-01-01T00:02:00Z", "2026-01-01T00:01:00Z");
        assertThat(catalog.snapshots(SourceInfo.parse("paperless-ngx-dst@default:/data"))).isEmpty();
        assertThat(catalog.snapshots()).hasSize(4);
        SnapshotManifest any = catalog.snapshots(APP).getFirst();
        assertThat(catalog.getSnapshot(any.id())).isEqualTo(any);
        assertThatThrownBy(() -> catalog.getSnapshot(SnapshotId.parse("abcdef")))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("abcdef");
    }

    @Test
    void ignoresNonSnapshotManifests() {
        ManifestEntry policy = new ManifestEntry(dev.rewind.kopia.manifest.ManifestId.parse("00aa"),
                java.util.Map.of("type", "policy"), Instant.EPOCH, false, "{}", SnapshotFixtures.MANIFEST_CONTENT);

        assertThat(catalog(policy, snapshot(APP.toString(), "2026-01-01T00:00:00Z")).snapshots()).hasSize(1);
    }

    @Test
    void resolvesSnapshotsByIdOrUniquePrefix() {
        SnapshotCatalog catalog = catalog(
                snapshot(APP.toString(), "2026-01-01T00:00:00Z"),
                snapshot(APP.toString(), "2026-01-02T00:00:00Z"));
        SnapshotManifest first = catalog.snapshots(APP).getLast();
        String id = first.id().toString();

        assertThat(catalog.getSnapshot(id)).isEqualTo(first);
        assertThat(catalog.getSnapshot(id.substring(0, 8))).isEqualTo(first);
        assertThatThrownBy(() -> catalog.getSnapshot(id.substring(0, 5)))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT)).hasMessageContaining("too short");
        assertThatThrownBy(() -> catalog.getSnapshot("000000"))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT)).hasMessageContaining("matches 2");
        assertThatThrownBy(() -> catalog.getSnapshot("ffffff"))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> catalog.getSnapshot("not-hex"))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT));
    }
}
