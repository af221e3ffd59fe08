package dev.rewind.kopia.manifest;

import static dev.rewind.kopia.manifest.ManifestFixtures.content;
import static dev.rewind.kopia.manifest.ManifestFixtures.entry;
import static dev.rewind.kopia.manifest.ManifestFixtures.gzip;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.content.InMemoryContentSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestStoreTest {
    private static final String ID = "25905b6f222a153561543baea0a67043";
    private static final String LABELS = "{\"type\":\"snapshot\",\"hostname\":\"h\",\"username\":\"u\",\"path\":\"/data\"}";
    private static final ContentId LOW = ContentId.parse("m00000000000000000000000000000001");
    private static final ContentId HIGH = ContentId.parse("mff000000000000000000000000000001");

    private final InMemoryContentSource contents = new InMemoryContentSource();

    private static List<ManifestEntry> parse(ContentId content, String json) {
        return ManifestContent.parse(content, gzip(json));
    }

    private static void assertCorrupt(Runnable action, String... named) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(named);
        });
    }

    @Test
    void parsesAGzippedManifestContent() {
        List<ManifestEntry> entries = parse(LOW, ManifestFixtures.resource(getClass(), "two-snapshots.json"));

        assertThat(entries).hasSize(3);
        ManifestEntry first = entries.getFirst();
        assertThat(first.id()).isEqualTo(ManifestId.parse("5f0d3c2b9a8e4f6a1b2c3d4e5f607182"));
        assertThat(first.labels()).containsEntry("type", "snapshot").containsEntry("username", "paperless-ngx")
                .containsEntry("hostname", "default").containsEntry("path", "/data");
        assertThat(first.modifiedAt()).isEqualTo(Instant.parse("2025-11-23T15:47:31.904562718Z"));
        assertThat(first.deleted()).isFalse();
        assertThat(first.dataJson()).contains("\"startTime\":\"2025-11-23T15:47:20.123456Z\"");
        assertThat(first.content()).isEqualTo(LOW);
        assertThat(entries.get(2).labels()).containsEntry("type", "policy");
    }

    @Test
    void entriesKeyMatchesCaseInsensitivelyAndOtherKeysAreSkipped() {
        String json = "{\"version\":1,\"Entries\":[" + entry(ID, LABELS, "2025-01-01T00:00:00Z", false, "{}")
                + "],\"other\":{\"entries\":[]}}";

        assertThat(parse(LOW, json)).extracting(ManifestEntry::id).containsExactly(ManifestId.parse(ID));
    }

    @Test
    void malformedContentsAreCorruptNamingTheContent() {
        assertCorrupt(() -> ManifestContent.parse(LOW, content().getBytes(UTF_8)), LOW.toString(), "gzip");
        assertCorrupt(() -> parse(LOW, "{\"entries\":[}"), LOW.toString(), "JSON");
        assertCorrupt(() -> parse(LOW, "{\"entries\":[],\"ENTRIES\":[]}"), LOW.toString(), "repeated");
        assertCorrupt(() -> parse(LOW, content("{\"labels\":{}}")), LOW.toString(), "entry 0 has no id");
        assertCorrupt(() -> parse(LOW, content(entry(ID, LABELS, "yesterday", false, "{}"))),
                LOW.toString(), ID, "'yesterday'");
        assertCorrupt(() -> parse(LOW, content(entry("not-hex", LABELS, "2025-01-01T00:00:00Z", false, "{}"))),
                LOW.toString(), "'not-hex'");
    }

    @Test
    void dataKeptInASeparateContentIsUnsupportedNotSilentlyEmpty() {
        String json = content("{\"id\":\"" + ID + "\",\"labels\":" + LABELS
                + ",\"modified\":\"2025-01-01T00:00:00Z\",\"contentID\":\"m0123456789abcdef0123456789abcdef\"}");

        assertThatThrownBy(() -> parse(LOW, json)).isInstanceOfSatisfying(RewindException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED)).hasMessageContaining(ID);
    }

    @Test
    void newestModifiedWinsAcrossContents() {
        List<ManifestEntry> all = new ArrayList<>();
        all.addAll(parse(HIGH, content(entry(ID, LABELS, "2025-01-01T00:00:00.5Z", false, "{\"v\":\"old\"}"))));
        all.addAll(parse(LOW, content(entry(ID, LABELS, "2025-01-01T00:00:00.500000001Z", false,
                "{\"v\":\"new\"}"))));

        ManifestStore store = ManifestStore.merge(all);

        assertThat(store.getEntry(ManifestId.parse(ID)).dataJson()).isEqualTo("{\"v\":\"new\"}");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void laterDeletionMarkerRemovesTheEntry() {
        List<ManifestEntry> all = new ArrayList<>();
        all.addAll(parse(LOW, content(entry(ID, LABELS, "2025-01-01T00:00:00Z", false, "{}"))));
        all.addAll(parse(HIGH, content(entry(ID, "null", "2025-01-02T00:00:00Z", true, null))));

        ManifestStore store = ManifestStore.merge(all);

        assertThat(store.findEntry(ManifestId.parse(ID))).isEmpty();
        assertThat(store.find(Map.of("type", "snapshot"))).isEmpty();
        assertThatThrownBy(() -> store.getEntry(ManifestId.parse(ID)))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining(ID);
    }

    @Test
    void olderDeletionMarkerDoesNotRemoveANewerEntry() {
        List<ManifestEntry> all = new ArrayList<>();
        all.addAll(parse(HIGH, content(entry(ID, "null", "2025-01-01T00:00:00Z", true, null))));
        all.addAll(parse(LOW, content(entry(ID, LABELS, "2025-01-01T00:00:01Z", false, "{}"))));

        assertThat(ManifestStore.merge(all).findEntry(ManifestId.parse(ID))).isPresent();
    }

    @Test
    void onATieANonDeletedEntryBeatsADeletionMarkerWhateverTheOrder() {
        List<ManifestEntry> all = new ArrayList<>();
        all.addAll(parse(LOW, content(entry(ID, LABELS, "2025-01-01T00:00:00Z", false, "{}"))));
        all.addAll(parse(HIGH, content(entry(ID, "null", "2025-01-01T00:00:00Z", true, null))));

        assertThat(ManifestStore.merge(all).findEntry(ManifestId.parse(ID))).isPresent();
        Collections.reverse(all);
        assertThat(ManifestStore.merge(all).findEntry(ManifestId.parse(ID))).isPresent();
    }

    @Test
    void onATieTheHigherContentIdWinsWhateverTheOrder() {
        List<ManifestEntry> all = new ArrayList<>();
        all.addAll(parse(HIGH, content(entry(ID, LABELS, "2025-01-01T01:00:00+01:00", false, "{\"from\":\"high\"}"))));
        all.addAll(parse(LOW, content(entry(ID, LABELS, "2025-01-01T00:00:00Z", false, "{\"from\":\"low\"}"))));

        assertThat(ManifestStore.merge(all).getEntry(ManifestId.parse(ID)).dataJson()).contains("high");
        Collections.reverse(all);
        assertThat(ManifestStore.merge(all).getEntry(ManifestId.parse(ID)).dataJson()).contains("high");
    }

    @Test
    void loadReadsLiveManifestContentsAndSkipsDeletedOnes() {
        ContentId live = contents.put('m', gzip(ManifestFixtures.resource(getClass(), "two-snapshots.json")));
        ContentId compactedAway = contents.put('m', gzip(content(
                entry("ffffffffffffffffffffffffffffffff", LABELS, "2025-01-01T00:00:00Z", false, "{}"))));
        contents.markDeleted(compactedAway);
        contents.put((char) 0, "not a manifest".getBytes(UTF_8));

        ManifestStore store = ManifestStore.load(contents);

        assertThat(store.entries()).extracting(e -> e.id().value()).containsExactly(
                "0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b", "5f0d3c2b9a8e4f6a1b2c3d4e5f607182",
                "a1b2c3d4e5f60718293a4b5c6d7e8f90");
        assertThat(store.entries()).allMatch(e -> e.content().equals(live));
    }

    @Test
    void labelQueriesMatchEveryGivenLabelExactly() {
        contents.put('m', gzip(ManifestFixtures.resource(getClass(), "two-snapshots.json")));
        ManifestStore store = ManifestStore.load(contents);

        assertThat(store.find(Map.of("type", "snapshot"))).hasSize(2);
        assertThat(store.find(Map.of("type", "snapshot", "username", "paperless-ngx", "hostname", "default",
                "path", "/data"))).hasSize(2);
        assertThat(store.find(Map.of("type", "snapshot", "tag:app", "paperless")))
                .extracting(e -> e.id().value()).containsExactly("a1b2c3d4e5f60718293a4b5c6d7e8f90");
        assertThat(store.find(Map.of("type", "snapshot", "path", "/dat"))).isEmpty();
        assertThat(store.find(Map.of("type", "policy"))).hasSize(1);
        assertThat(store.find(Map.of())).hasSize(3);
    }
}
