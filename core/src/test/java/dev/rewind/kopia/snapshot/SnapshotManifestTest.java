package dev.rewind.kopia.snapshot;

import static dev.rewind.kopia.manifest.ManifestFixtures.gzip;
import static dev.rewind.kopia.manifest.ManifestFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.InMemoryContentSource;
import dev.rewind.kopia.manifest.ManifestEntry;
import dev.rewind.kopia.manifest.ManifestId;
import dev.rewind.kopia.manifest.ManifestStore;
import dev.rewind.kopia.object.ObjectId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotManifestTest {

    private static ManifestStore store() {
        InMemoryContentSource contents = new InMemoryContentSource();
        contents.put('m', gzip(resource(dev.rewind.kopia.manifest.ManifestFixtures.class, "two-snapshots.json")));
        return ManifestStore.load(contents);
    }

    @Test
    void decodesEveryStoredField() {
        SnapshotManifest snapshot = SnapshotManifest.fromEntry(
                store().getEntry(ManifestId.parse("5f0d3c2b9a8e4f6a1b2c3d4e5f607182")));

        assertThat(snapshot.id()).isEqualTo(SnapshotId.parse("5f0d3c2b9a8e4f6a1b2c3d4e5f607182"));
        assertThat(snapshot.source()).isEqualTo(SourceInfo.parse("paperless-ngx@default:/data"));
        assertThat(snapshot.description()).isEmpty();
        assertThat(snapshot.startAt()).isEqualTo(Instant.parse("2025-11-23T15:47:20.123456Z"));
        assertThat(snapshot.endAt()).isEqualTo(Instant.parse("2025-11-23T15:47:31.904120Z"));
        assertThat(snapshot.startTimeText()).isEqualTo("2025-11-23T15:47:20.123456Z");
        assertThat(snapshot.stats()).isEqualTo(new SnapshotStats(536927459, 0, 18, 0, 18, 14, 0, 0, 0, 0));
        assertThat(snapshot.isComplete()).isTrue();
        assertThat(snapshot.tags()).isEmpty();
        assertThat(snapshot.pins()).isEmpty();
        DirectoryEntry root = snapshot.getRoot();
        assertThat(root).isInstanceOfSatisfying(DirectoryEntry.Directory.class, dir -> {
            assertThat(dir.name()).isEqualTo("data");
            assertThat(dir.mode().posixBits()).isEqualTo(0777);
            assertThat(dir.modifiedAt()).isEqualTo(Instant.parse("2025-11-23T15:40:02.5Z"));
            assertThat(dir.object()).isEqualTo(ObjectId.parse("k74647859396c88127696f426b4c79088"));
            assertThat(dir.owner()).isEqualTo(new DirectoryEntry.Owner(0, 0));
        });
        assertThat(snapshot.rootSummary()).hasValueSatisfying(summary -> {
            assertThat(summary.totalSizeBytes()).isEqualTo(536927459);
            assertThat(summary.fileCount()).isEqualTo(18);
            assertThat(summary.dirCount()).isEqualTo(14);
            assertThat(summary.symlinkCount()).isZero();
            assertThat(summary.maxModifiedAt()).isEqualTo(Instant.parse("2025-11-23T15:46:56.187394Z"));
            assertThat(summary.incompleteReason()).isEmpty();
            assertThat(summary.errors()).isEmpty();
        });
    }

    @Test
    void decodesTagsDescriptionPinsAndIncompleteReason() {
        SnapshotManifest tagged = SnapshotManifest.fromEntry(
                store().getEntry(ManifestId.parse("a1b2c3d4e5f60718293a4b5c6d7e8f90")));
        assertThat(tagged.tags()).containsExactly(Map.entry("tag:app", "paperless"));
        assertThat(tagged.description()).isEqualTo("nightly");

        ManifestEntry entry = new ManifestEntry(ManifestId.parse("00ff"), Map.of("type", "snapshot"),
                Instant.EPOCH, false, """
                {"id":"","source":{"host":"h","userName":"u","path":"/data"},"description":"",
                 "startTime":"2026-01-02T01:04:05.123456789Z","endTime":"2026-01-02T01:05:00Z",
                 "incomplete":"checkpoint","pins":["keep","audit"],
                 "rootEntry":{"name":"data","type":"d","mode":"020000775","mtime":"1754-08-30T22:43:41.128654848Z",
                   "uid":1000,"gid":1000,"obj":"Ik18c2fa7d9108a2bf0d9d5b8e7993c48d"}}
                """, SnapshotFixtures.MANIFEST_CONTENT);
        SnapshotManifest checkpoint = SnapshotManifest.fromEntry(entry);

        assertThat(checkpoint.isComplete()).isFalse();
        assertThat(checkpoint.incompleteReason()).contains("checkpoint");
        assertThat(checkpoint.pins()).containsExactly("keep", "audit");
        assertThat(checkpoint.startAt().getNano()).isEqualTo(123456789);
        assertThat(checkpoint.stats()).isEqualTo(SnapshotStats.empty());
        assertThat(checkpoint.getRoot().modifiedAt()).isEqualTo(Instant.parse("1754-08-30T22:43:41.128654848Z"));
        assertThat(checkpoint.getRoot().mode().setgid()).isTrue();
        assertThat(checkpoint.getRoot().mode().posixBits()).isEqualTo(02775);
        assertThat(checkpoint.getRoot().owner()).isEqualTo(new DirectoryEntry.Owner(1000, 1000));
        assertThat(checkpoint.getRoot().object().isIndirect()).isTrue();
        assertThat(checkpoint.rootSummary()).isEmpty();
    }

    @Test
    void manifestWithoutRootEntryHasNoRoot() {
        ManifestEntry entry = new ManifestEntry(ManifestId.parse("00fe"), Map.of("type", "snapshot"), Instant.EPOCH,
                false, "{\"source\":{\"host\":\"h\",\"userName\":\"u\",\"path\":\"/p\"},"
                + "\"startTime\":\"2026-01-01T00:00:00Z\",\"endTime\":\"2026-01-01T00:00:01Z\",\"rootEntry\":null}",
                SnapshotFixtures.MANIFEST_CONTENT);

        SnapshotManifest snapshot = SnapshotManifest.fromEntry(entry);

        assertThat(snapshot.root()).isEqualTo(Optional.empty());
        assertThatThrownBy(snapshot::getRoot).isInstanceOfSatisfying(RewindException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND)).hasMessageContaining("00fe");
    }

    @Test
    void malformedPayloadIsCorruptNamingTheManifest() {
        String[] payloads = {
            "{\"source\":{},\"endTime\":\"2026-01-01T00:00:01Z\"}",
            "{\"source\":{},\"startTime\":\"01/01/2026\",\"endTime\":\"2026-01-01T00:00:01Z\"}",
            "{\"source\":{},\"startTime\":\"2026-01-01T00:00:00Z\",\"endTime\":\"2026-01-01T00:00:01Z\","
                    + "\"rootEntry\":{\"type\":\"d\",\"obj\":\"not-an-object-id\"}}",
            "{\"source\":{},\"startTime\":\"2026-01-01T00:00:00Z\",\"endTime\":\"2026-01-01T00:00:01Z\","
                    + "\"stats\":{\"fileCount\":\"many\"}}",
            "[1,2]",
        };
        for (String payload : payloads) {
            ManifestEntry entry = new ManifestEntry(ManifestId.parse("00fd"), Map.of("type", "snapshot"),
                    Instant.EPOCH, false, payload, SnapshotFixtures.MANIFEST_CONTENT);
            assertThatThrownBy(() -> SnapshotManifest.fromEntry(entry)).as(payload)
                    .isInstanceOfSatisfying(RewindException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                    .hasMessageContaining("snapshot manifest 00fd");
        }
    }

    @Test
    void nonSnapshotManifestIsRejected() {
        ManifestEntry policy = store().getEntry(ManifestId.parse("0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b"));

        assertThatThrownBy(() -> SnapshotManifest.fromEntry(policy)).isInstanceOfSatisfying(RewindException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT)).hasMessageContaining("type=policy");
    }
}
