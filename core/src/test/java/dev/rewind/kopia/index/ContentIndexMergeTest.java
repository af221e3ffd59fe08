package dev.rewind.kopia.index;

import static dev.rewind.kopia.index.TestEntries.id;
import static dev.rewind.kopia.index.TestEntries.v1;
import static dev.rewind.kopia.index.TestEntries.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.storage.BlobId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentIndexMergeTest {
    private static final String PACK_A = "p0000000000000000000000000000000a";
    private static final String PACK_B = "p0000000000000000000000000000000b";
    private static final String PACK_C = "q0000000000000000000000000000000c";

    private static PackIndex v2Blob(int n, IndexEntry... entries) {
        return PackIndex.parse(BlobId.of("xn0_" + String.format("%032x", n) + "-s0-c1"),
                IndexV2Writer.write(List.of(entries)));
    }

    private static ContentIndex merged(Optional<Instant> watermark, PackIndex... blobs) {
        return ContentIndex.of(List.of(blobs), watermark);
    }

    @Test
    void newerTimestampWinsWhicheverBlobHoldsIt() {
        IndexEntry old = v2(id(1), PACK_A, 100, false);
        IndexEntry newer = v2(id(1), PACK_B, 200, false);

        assertThat(merged(Optional.empty(), v2Blob(1, old), v2Blob(2, newer)).find(id(1))).contains(newer);
        assertThat(merged(Optional.empty(), v2Blob(2, newer), v2Blob(1, old)).find(id(1))).contains(newer);
    }

    @Test
    void newerDeletionMarkerHidesContentFromListingsButStaysReadable() {
        IndexEntry live = v2(id('m', 1), PACK_A, 100, false);
        IndexEntry marker = v2(id('m', 1), PACK_A, 200, true);
        ContentIndex index = merged(Optional.empty(), v2Blob(1, live), v2Blob(2, marker));

        assertThat(index.find(id('m', 1))).contains(marker);
        assertThat(index.entries('m')).isEmpty();
        assertThat(index.entriesIncludingDeleted()).containsExactly(marker);
    }

    @Test
    void olderDeletionMarkerLoses() {
        IndexEntry marker = v2(id(1), PACK_A, 100, true);
        IndexEntry rewritten = v2(id(1), PACK_B, 150, false);
        ContentIndex index = merged(Optional.empty(), v2Blob(1, marker), v2Blob(2, rewritten));

        assertThat(index.find(id(1))).contains(rewritten);
        assertThat(index.entries()).containsExactly(rewritten);
    }

    @Test
    void onEqualTimestampsLiveEntryBeatsDeletionMarker() {
        IndexEntry live = v2(id(1), PACK_A, 100, false);
        IndexEntry marker = v2(id(1), PACK_B, 100, true);

        assertThat(merged(Optional.empty(), v2Blob(1, marker), v2Blob(2, live)).find(id(1))).contains(live);
        assertThat(merged(Optional.empty(), v2Blob(2, live), v2Blob(1, marker)).find(id(1))).contains(live);
        assertThat(merged(Optional.empty(), v2Blob(1, marker), v2Blob(2, live)).entries()).containsExactly(live);
    }

    @Test
    void onEqualTimestampAndStateGreaterPackBlobIdWins() {
        IndexEntry inA = v2(id(1), PACK_A, 100, false);
        IndexEntry inC = v2(id(1), PACK_C, 100, false);

        assertThat(merged(Optional.empty(), v2Blob(1, inC), v2Blob(2, inA)).find(id(1))).contains(inC);
        assertThat(merged(Optional.empty(), v2Blob(2, inA), v2Blob(1, inC)).find(id(1))).contains(inC);
    }

    @Test
    void deletionWatermarkMakesOlderMarkersNonexistent() {
        IndexEntry before = v2(id(1), PACK_A, 1000, true);
        IndexEntry at = v2(id(2), PACK_A, 2000, true);
        IndexEntry after = v2(id(3), PACK_A, 2001, true);
        IndexEntry live = v2(id(4), PACK_A, 10, false);
        ContentIndex index = merged(Optional.of(Instant.ofEpochSecond(2000)), v2Blob(1, before, at, after, live));

        assertThat(index.deletionWatermarkAt()).contains(Instant.ofEpochSecond(2000));
        assertThat(index.find(id(1))).isEmpty();
        assertThat(index.find(id(2))).isEmpty();
        assertThat(index.find(id(3))).contains(after);
        assertThat(index.find(id(4))).contains(live);
        assertThat(index.entries()).containsExactly(live);
        assertThat(index.entriesIncludingDeleted()).containsExactly(after, live);
        assertThatThrownBy(() -> index.get(id(1)))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining(id(1).toString())
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void iterationByPrefixMergesAllBlobsInKeyOrder() {
        PackIndex first = v2Blob(1,
                v2(id(1), PACK_A, 10, false), v2(id('k', 1), PACK_A, 10, false), v2(id('m', 2), PACK_A, 10, false),
                v2(id('m', 5), PACK_A, 10, false), v2(id('x', 1), PACK_A, 10, false));
        PackIndex second = v2Blob(2,
                v2(id('m', 1), PACK_B, 20, false), v2(id('m', 2), PACK_B, 20, false),
                v2(id('m', 4), PACK_B, 20, true), v2(id('z', 4), PACK_B, 20, false));
        PackIndex legacy = PackIndex.parse(BlobId.of("n00000000000000000000000000000003"),
                IndexV1Writer.write(List.of(v1(id('m', 3), PACK_C, 0, 50, 30, false),
                        v1(id('m', 5), PACK_C, 0, 50, 5, true))));
        ContentIndex index = merged(Optional.empty(), first, second, legacy);

        assertThat(index.entries('m').map(IndexEntry::contentId))
                .containsExactly(id('m', 1), id('m', 2), id('m', 3), id('m', 5));
        assertThat(index.entries('m').filter(e -> e.contentId().equals(id('m', 2))).findFirst().orElseThrow()
                .packBlobId()).isEqualTo(BlobId.of(PACK_B));
        assertThat(index.entries('k').map(IndexEntry::contentId)).containsExactly(id('k', 1));
        assertThat(index.entries((char) 0).map(IndexEntry::contentId)).containsExactly(id(1));
        assertThat(index.entries('y')).isEmpty();
        assertThat(index.entries().map(IndexEntry::contentId)).containsExactly(
                id(1), id('k', 1), id('m', 1), id('m', 2), id('m', 3), id('m', 5), id('x', 1), id('z', 4));
        assertThat(index.find(id('m', 4)).orElseThrow().deleted()).isTrue();
        assertThat(index.recordCount()).isEqualTo(11);
    }

    @Test
    void emptyIndexFindsNothing() {
        ContentIndex index = merged(Optional.empty());

        assertThat(index.find(id(1))).isEmpty();
        assertThat(index.entries()).isEmpty();
    }

    @Test
    void rejectsInvalidPrefixLetter() {
        assertThatThrownBy(() -> merged(Optional.empty()).entries('a'))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void mergesManyBlobsConsistentlyWithFind() {
        var blobs = new java.util.ArrayList<PackIndex>();
        var random = new java.util.Random(7);
        for (int b = 0; b < 12; b++) {
            var entries = new java.util.LinkedHashMap<ContentId, IndexEntry>();
            for (int i = 0; i < 300; i++) {
                ContentId cid = id(random.nextBoolean() ? 'm' : 0, random.nextInt(500));
                entries.put(cid, v2(cid, "p" + String.format("%032x", b), random.nextInt(50),
                        random.nextInt(4) == 0));
            }
            blobs.add(v2Blob(b, entries.values().toArray(IndexEntry[]::new)));
        }
        ContentIndex index = ContentIndex.of(blobs, Optional.empty());

        List<IndexEntry> listed = index.entriesIncludingDeleted().toList();
        for (IndexEntry e : listed) {
            assertThat(index.find(e.contentId())).contains(e);
        }
        assertThat(index.entries().toList()).isEqualTo(listed.stream().filter(e -> !e.deleted()).toList());
        assertThat(listed).isSortedAccordingTo((a, b) -> a.contentId().compareTo(b.contentId()));
    }
}
