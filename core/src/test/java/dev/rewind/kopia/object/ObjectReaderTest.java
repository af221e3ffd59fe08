package dev.rewind.kopia.object;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentBuffers;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.content.InMemoryContentSource;
import dev.rewind.kopia.object.SeekTables.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ObjectReaderTest {
    private final InMemoryContentSource contents = new InMemoryContentSource();
    private final ObjectReader reader = new ObjectReader(contents);

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Stores {@code data} split into chunks of {@code chunk} bytes; returns the {@code I…} id. */
    private ObjectId storeIndirect(byte[] data, int chunk) {
        List<Part> parts = new ArrayList<>();
        for (int offset = 0; offset < data.length; offset += chunk) {
            byte[] piece = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + chunk));
            parts.add(new Part(contents.put((char) 0, piece).toString(), piece.length));
        }
        ContentId table = contents.put('x', SeekTables.json(parts).getBytes(UTF_8));
        return ObjectId.indirect(ObjectId.direct(table));
    }

    private void assertCorrupt(Runnable action, String... named) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(named);
        });
    }

    @Test
    void directObjectIsTheContentPlaintext() {
        byte[] data = "hello, kopia".getBytes(UTF_8);
        ObjectId id = ObjectId.direct(contents.put((char) 0, data));

        assertThat(reader.readAll(id)).isEqualTo(data);
        assertThat(reader.lengthBytes(id)).isEqualTo(data.length);
    }

    @Test
    void emptyFileIsARealOneContentObject() throws IOException {
        ObjectId id = ObjectId.direct(contents.put((char) 0, new byte[0]));

        assertThat(reader.readAll(id)).isEmpty();
        try (ObjectStream stream = reader.open(id)) {
            assertThat(stream.lengthBytes()).isZero();
            assertThat(stream.read()).isEqualTo(-1);
        }
    }

    @Test
    void indirectObjectIsTheConcatenationOfItsEntries() throws IOException {
        byte[] data = randomBytes(10_000, 1);
        ObjectId id = storeIndirect(data, 3_000);

        assertThat(id.toString()).startsWith("Ix");
        assertThat(reader.readAll(id)).isEqualTo(data);
        assertThat(reader.lengthBytes(id)).isEqualTo(10_000);
        assertThat(reader.readSeekTable(id).entries()).extracting(IndirectEntry::offset)
                .containsExactly(0L, 3_000L, 6_000L, 9_000L);
        try (ObjectStream stream = reader.open(id)) {
            assertThat(stream.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void twoLevelsOfIndirectionReadTheSeekTableThroughItsOwnSeekTable() {
        byte[] data = randomBytes(50_000, 2);
        List<Part> parts = new ArrayList<>();
        for (int offset = 0; offset < data.length; offset += 1_000) {
            parts.add(new Part(contents.put((char) 0, Arrays.copyOfRange(data, offset, offset + 1_000)).toString(),
                    1_000));
        }
        byte[] innerTable = SeekTables.json(parts).getBytes(UTF_8);
        // the inner table is itself stored as an indirect object of two x contents
        int half = innerTable.length / 2;
        ContentId first = contents.put('x', Arrays.copyOfRange(innerTable, 0, half));
        ContentId second = contents.put('x', Arrays.copyOfRange(innerTable, half, innerTable.length));
        ContentId outer = contents.put('x', SeekTables.json(List.of(new Part(first.toString(), half),
                new Part(second.toString(), innerTable.length - half))).getBytes(UTF_8));
        ObjectId id = ObjectId.parse("II" + outer);

        assertThat(reader.readAll(id)).isEqualTo(data);
        assertThat(reader.readSeekTable(id).entries()).hasSize(50);
        List<ContentId> backing = new ArrayList<>();
        reader.forEachBackingContent(id, backing::add);
        assertThat(backing).hasSize(3 + 50).startsWith(outer, first, second);
    }

    /** An indirect object whose first entry is itself indirect (4,000 bytes in 1 KiB chunks), then a direct tail. */
    private record Nested(ObjectId id, ObjectId tailId, byte[] tail, byte[] expected) {
    }

    private Nested storeNested(long seed) {
        byte[] head = randomBytes(4_000, seed);
        byte[] tail = randomBytes(2_500, seed + 1);
        ObjectId headId = storeIndirect(head, 1_024);
        ObjectId tailId = ObjectId.direct(contents.put((char) 0, tail));
        ContentId joined = contents.put('x', SeekTables.json(List.of(new Part(headId.toString(), head.length),
                new Part(tailId.toString(), tail.length))).getBytes(UTF_8));
        byte[] expected = new byte[head.length + tail.length];
        System.arraycopy(head, 0, expected, 0, head.length);
        System.arraycopy(tail, 0, expected, head.length, tail.length);
        return new Nested(ObjectId.parse("I" + joined), tailId, tail, expected);
    }

    @Test
    void entriesMayThemselvesBeIndirectObjects() {
        Nested nested = storeNested(3);
        ObjectId id = nested.id();
        byte[] expected = nested.expected();
        assertThat(reader.readAll(id)).isEqualTo(expected);
        try (InputStream range = reader.openRange(id, 3_990, 20)) {
            assertThat(range.readAllBytes()).isEqualTo(Arrays.copyOfRange(expected, 3_990, 4_010));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void transferToWritesTheRestOfNestedObjectsFromAnyPosition() throws IOException {
        Nested nested = storeNested(5);
        ObjectId id = nested.id();
        byte[] expected = nested.expected();
        byte[] tail = nested.tail();

        for (long start : new long[] {0, 1_023, 1_024, 3_999, 4_000, 6_499, 6_500}) {
            try (ObjectStream stream = reader.open(id)) {
                stream.seek(start);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                long written = stream.transferTo(out);

                assertThat(written).as("from %d", start).isEqualTo(expected.length - start);
                assertThat(out.toByteArray()).as("from %d", start)
                        .isEqualTo(Arrays.copyOfRange(expected, (int) start, expected.length));
                assertThat(stream.position()).isEqualTo(expected.length);
                assertThat(stream.read()).isEqualTo(-1);
            }
        }
        try (ObjectStream direct = reader.open(nested.tailId())) {
            direct.seek(100);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(direct.transferTo(out)).isEqualTo(tail.length - 100);
            assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(tail, 100, tail.length));
        }
    }

    @Test
    void randomAccessFindsTheEntryByBinarySearch() throws IOException {
        byte[] data = randomBytes(100_000, 5);
        ObjectId id = storeIndirect(data, 7_000);

        try (ObjectStream stream = reader.open(id)) {
            for (long offset : new long[] {99_999, 0, 6_999, 7_000, 7_001, 49_000, 98_000}) {
                stream.seek(offset);
                assertThat(stream.position()).isEqualTo(offset);
                byte[] got = stream.readNBytes(1_500);
                int end = (int) Math.min(data.length, offset + 1_500);
                assertThat(got).as("at %d", offset).isEqualTo(Arrays.copyOfRange(data, (int) offset, end));
            }
            stream.seek(100_000);
            assertThat(stream.read()).isEqualTo(-1);
            assertThat(stream.skip(10)).isZero();
            stream.seek(10);
            assertThat(stream.skip(20_000)).isEqualTo(20_000);
            assertThat(stream.read()).isEqualTo(data[20_010] & 0xff);
        }
        try (InputStream range = reader.openRange(id, 13_999, 14_002)) {
            assertThat(range.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 13_999, 28_001));
        }
        assertThatThrownBy(() -> reader.openRange(id, 99_000, 1_001))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessageContaining(id.toString());
    }

    @Test
    void multiGibibyteFileStreamsWithoutEverHoldingTheWholeObject() throws IOException {
        // 2100 entries of the same 1 MiB content (deduplicated, as kopia would store a repetitive file): 2.05 GiB,
        // more than any Java array can hold, so reading it at all proves the stream never concatenates.
        int chunk = 1 << 20;
        int count = 2_100;
        byte[] piece = randomBytes(chunk, 6);
        ContentId pieceId = contents.put((char) 0, piece);
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(new Part(pieceId.toString(), chunk));
        }
        ObjectId id = ObjectId.parse("I" + contents.put('x', SeekTables.json(parts).getBytes(UTF_8)));
        CRC32 expected = new CRC32();
        for (int i = 0; i < count; i++) {
            expected.update(piece);
        }
        long readsBefore = contents.reads();

        CRC32 actual = new CRC32();
        long total = 0;
        try (ObjectStream stream = reader.open(id)) {
            assertThat(stream.lengthBytes()).isEqualTo((long) chunk * count).isGreaterThan(Integer.MAX_VALUE);
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = stream.read(buffer, 0, buffer.length)) > 0; ) {
                actual.update(buffer, 0, n);
                total += n;
            }
        }

        assertThat(total).isEqualTo((long) chunk * count);
        assertThat(actual.getValue()).isEqualTo(expected.getValue());
        // one read for the seek table, then each entry's content exactly once, in order
        assertThat(contents.reads() - readsBefore).isEqualTo(1 + count);
        assertThatThrownBy(() -> reader.readAll(id))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED))
                .hasMessageContaining(id.toString());
    }

    @Test
    void gapInSeekTableIsCorruptNamingTheObject() {
        ContentId a = contents.put((char) 0, new byte[100]);
        ContentId table = contents.put('x', ("{\"stream\":\"kopia:indirect\",\"entries\":[{\"l\":100,\"o\":\"" + a
                + "\"},{\"s\":150,\"l\":100,\"o\":\"" + a + "\"}]}").getBytes(UTF_8));
        ObjectId id = ObjectId.parse("I" + table);

        assertCorrupt(() -> reader.open(id), "I" + table, "entry 1 starts at 150, expected 100");
    }

    @Test
    void firstEntryNotAtZeroIsCorrupt() {
        ContentId a = contents.put((char) 0, new byte[100]);
        ContentId table = contents.put('x', ("{\"stream\":\"kopia:indirect\",\"entries\":[{\"s\":5,\"l\":100,\"o\":\""
                + a + "\"}]}").getBytes(UTF_8));

        assertCorrupt(() -> reader.lengthBytes(ObjectId.parse("I" + table)), "I" + table, "entry 0 starts at 5");
    }

    @Test
    void entryLengthThatDisagreesWithItsObjectIsCorruptNamingObjectAndEntry() {
        ContentId a = contents.put((char) 0, new byte[100]);
        ContentId b = contents.put((char) 0, new byte[90]);
        ContentId table = contents.put('x', SeekTables.json(List.of(new Part(a.toString(), 100),
                new Part(b.toString(), 100))).getBytes(UTF_8));
        ObjectId id = ObjectId.parse("I" + table);

        assertThat(reader.lengthBytes(id)).isEqualTo(200);
        assertCorrupt(() -> reader.readAll(id), id.toString(), "entry 1", b.toString(), "length 90");
    }

    @Test
    void wrongStreamTypeOrMalformedTableIsCorrupt() {
        ContentId a = contents.put((char) 0, new byte[10]);
        ContentId wrongType = contents.put('x', ("{\"stream\":\"kopia:directory\",\"entries\":[{\"l\":10,\"o\":\"" + a
                + "\"}]}").getBytes(UTF_8));
        ContentId notJson = contents.put('x', "{\"stream\":".getBytes(UTF_8));
        ContentId badObject = contents.put('x', "{\"stream\":\"kopia:indirect\",\"entries\":[{\"l\":10,\"o\":\"zz\"}]}"
                .getBytes(UTF_8));
        ContentId negative = contents.put('x', ("{\"stream\":\"kopia:indirect\",\"entries\":[{\"l\":-1,\"o\":\"" + a
                + "\"}]}").getBytes(UTF_8));

        assertCorrupt(() -> reader.open(ObjectId.parse("I" + wrongType)), "I" + wrongType, "kopia:directory");
        assertCorrupt(() -> reader.open(ObjectId.parse("I" + notJson)), "I" + notJson, "not valid JSON");
        assertCorrupt(() -> reader.open(ObjectId.parse("I" + badObject)), "I" + badObject, "'zz'");
        assertCorrupt(() -> reader.open(ObjectId.parse("I" + negative)), "I" + negative, "negative length");
    }

    @Test
    void missingContentIsNotFoundNamingTheContent() {
        ContentId missing = ContentId.parse("0123456789abcdef0123456789abcdef");
        ContentId table = contents.put('x', SeekTables.json(List.of(new Part(missing.toString(), 10)))
                .getBytes(UTF_8));

        assertThatThrownBy(() -> reader.readAll(ObjectId.parse("I" + table)))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining(missing.toString());
    }

    @Test
    void compressedObjectsGoThroughTheDecompressor() {
        byte[] payload = {0, 0, 0, 42, 'a', 'b', 'c'};
        ObjectId id = ObjectId.parse("Z" + contents.put((char) 0, payload));
        ObjectReader withDecompressor = new ObjectReader(contents,
                (object, bytes) -> Arrays.copyOfRange(bytes, 4, bytes.length));

        assertThat(withDecompressor.readAll(id)).isEqualTo("abc".getBytes(UTF_8));
        assertThatThrownBy(() -> reader.readAll(id))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED))
                .hasMessageContaining(id.toString());
    }

    @Test
    void selfReferencingSeekTableIsCorruptNotAStackOverflow() {
        ContentId table = ContentId.parse("x00112233445566778899aabbccddeeff");
        contents.put(table, SeekTables.json(List.of(new Part("I" + table, 10))).getBytes(UTF_8));
        ObjectId id = ObjectId.parse("I" + table);

        assertCorrupt(() -> reader.readAll(id), "nested more than");
        assertCorrupt(() -> reader.forEachBackingContent(id, content -> { }), "nested more than");
    }

    private byte[] copied(ObjectReader with, ObjectId id, ContentBuffers buffers) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long written = with.copyTo(id, out, buffers);
        assertThat(written).isEqualTo(out.size());
        return out.toByteArray();
    }

    /** {@link ObjectReader#copyTo} of {@code id} into {@code out} with fresh buffers, for {@link #assertCorrupt}. */
    private Runnable copying(ObjectId id, java.io.OutputStream out) {
        return () -> {
            try {
                reader.copyTo(id, out, new ContentBuffers());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    @Test
    void copyToWritesDirectIndirectAndNestedObjectsWhole() throws IOException {
        Nested nested = storeNested(5);
        byte[] data = randomBytes(10_000, 12);
        ObjectId indirect = storeIndirect(data, 3_000);
        ObjectId direct = ObjectId.direct(contents.put((char) 0, "hello".getBytes(UTF_8)));
        ContentBuffers buffers = new ContentBuffers();

        assertThat(copied(reader, nested.id(), buffers)).isEqualTo(nested.expected());
        assertThat(copied(reader, indirect, buffers)).isEqualTo(data);
        assertThat(copied(reader, direct, buffers)).isEqualTo("hello".getBytes(UTF_8));
        assertThat(copied(reader, ObjectId.direct(contents.put((char) 0, new byte[0])), buffers)).isEmpty();
    }

    @Test
    void copyToChecksEveryEntryLengthBeforeWritingTheEntry() {
        byte[] first = randomBytes(100, 13);
        ContentId a = contents.put((char) 0, first);
        ContentId b = contents.put((char) 0, new byte[90]);
        ContentId table = contents.put('x', SeekTables.json(List.of(new Part(a.toString(), 100),
                new Part(b.toString(), 100))).getBytes(UTF_8));
        ObjectId id = ObjectId.parse("I" + table);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        assertCorrupt(copying(id, out), id.toString(), "entry 1", b.toString(), "length 90");
        assertThat(out.toByteArray()).as("only the entry before the damaged one").isEqualTo(first);
    }

    @Test
    void copyToRefusesSelfReferencingTablesAndDecompressesZObjects() throws IOException {
        ContentId table = ContentId.parse("x00112233445566778899aabbccddeeff");
        contents.put(table, SeekTables.json(List.of(new Part("I" + table, 10))).getBytes(UTF_8));
        ObjectId loop = ObjectId.parse("I" + table);
        ObjectId z = ObjectId.parse("Z" + contents.put((char) 0, new byte[] {0, 0, 0, 42, 'a', 'b', 'c'}));
        ObjectReader withDecompressor = new ObjectReader(contents,
                (object, bytes) -> Arrays.copyOfRange(bytes, 4, bytes.length));

        assertCorrupt(copying(loop, new java.io.ByteArrayOutputStream()), "nested more than");
        assertThat(copied(withDecompressor, z, new ContentBuffers())).isEqualTo("abc".getBytes(UTF_8));
    }

    @Test
    void copyToNeverOpensZeroLengthEntriesSoAChainOfThemCostsOneTable() throws IOException {
        byte[] data = "tail".getBytes(UTF_8);
        ContentId tail = contents.put((char) 0, data);
        ObjectId next = ObjectId.direct(tail);
        for (int depth = 0; depth < 60; depth++) {
            ContentId table = contents.put('x', SeekTables.json(List.of(new Part(next.toString(), 0),
                    new Part(next.toString(), 0))).getBytes(UTF_8));
            next = ObjectId.parse("I" + table);
        }
        ContentId top = contents.put('x', SeekTables.json(List.of(new Part(next.toString(), 0),
                new Part(tail.toString(), data.length))).getBytes(UTF_8));
        long readsBefore = contents.reads();

        assertThat(copied(reader, ObjectId.parse("I" + top), new ContentBuffers())).isEqualTo(data);
        assertThat(contents.reads() - readsBefore).as("the top table and the one entry with bytes").isEqualTo(2);
    }
}
