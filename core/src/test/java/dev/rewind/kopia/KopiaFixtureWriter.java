package dev.rewind.kopia;

import dev.rewind.kopia.compression.CompressorName;
import dev.rewind.kopia.compression.Compressors;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.crypto.BlobEncryptor;
import dev.rewind.kopia.crypto.ContentEncryptor;
import dev.rewind.kopia.crypto.ContentHasher;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kopia.index.IndexBlobNames;
import dev.rewind.kopia.index.IndexEntry;
import dev.rewind.kopia.index.IndexV1Writer;
import dev.rewind.kopia.index.IndexV2Writer;
import dev.rewind.kopia.snapshot.KopiaTimestamp;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.InMemoryBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes complete Kopia repositories into an {@link InMemoryBlobStore}, following kopia's source (kopia-format.md
 * §2, §4, §5, §6, §7): format blob, packs ({@code p} for file data, {@code q} for metadata) with the 32-byte
 * preamble, 4096-byte padding, encrypted local index and postamble; epoch index blobs ({@code xn<E>_…}, epoch
 * markers) for format ≥ 2 and legacy {@code n…} blobs with index v1 for format 1; gzip manifest contents; directory
 * and indirect-object JSON; snapshot manifests with stats and summaries.
 *
 * <p>Test code only: the product never writes to a repository. Splitting uses fixed-size chunks (kopia's default
 * splitter is content-defined; the reader does not care where chunk boundaries fall).
 */
public final class KopiaFixtureWriter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final int PACK_PREAMBLE_BYTES = 32;

    private final InMemoryBlobStore store;
    private final RandomGenerator random;
    private final Clock clock;
    private final FormatBlobWriter format;
    private final ContentHasher hasher;
    private final ContentEncryptor encryptor;
    private final BlobEncryptor blobEncryptor;
    private final int formatVersion;
    private int chunkBytes = 4 << 20;
    private Optional<CompressorName> fileCompression = Optional.empty();
    private Optional<CompressorName> metadataCompression = Optional.of(CompressorName.ZSTD_FASTEST);
    private int epoch;
    private boolean autoFlush = true;
    private final String sessionId;
    private final Map<ContentId, IndexEntry> committed = new HashMap<>();
    private final Pack dataPack = new Pack('p');
    private final Pack metadataPack = new Pack('q');
    private final List<ObjectNode> pendingManifests = new ArrayList<>();
    private final Map<String, ObjectNode> liveManifests = new LinkedHashMap<>();
    private final List<ContentId> manifestContents = new ArrayList<>();
    private final List<IndexEntry> pendingDeletions = new ArrayList<>();

    private KopiaFixtureWriter(InMemoryBlobStore store, FormatBlobWriter format, RandomGenerator random, Clock clock) {
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.format = format;
        this.formatVersion = format.config().formatVersion();
        this.hasher = format.contentHasher();
        this.encryptor = new ContentEncryptor(format.contentCrypto(), random);
        this.blobEncryptor = new BlobEncryptor(encryptor, hasher);
        this.sessionId = "s" + HEX.formatHex(randomBytes(8)) + "13d";
        format.writeTo(store);
    }

    /** A repository with the format {@code format} describes (password, version, hash, cipher). */
    public static KopiaFixtureWriter create(
            InMemoryBlobStore store, FormatBlobWriter format, RandomGenerator random, Clock clock) {
        return new KopiaFixtureWriter(store, format, random, clock);
    }

    /** Chunk size of the splitter: files larger than this become indirect objects. */
    public KopiaFixtureWriter chunkBytes(int value) {
        this.chunkBytes = value;
        return this;
    }

    /** Compression of file contents (kopia's per-path policy); empty for none (kopia's default). */
    public KopiaFixtureWriter fileCompression(CompressorName name) {
        this.fileCompression = Optional.ofNullable(name);
        return this;
    }

    /** Compression of directory and indirect contents (zstd-fastest since kopia 0.18; none before). */
    public KopiaFixtureWriter metadataCompression(CompressorName name) {
        this.metadataCompression = Optional.ofNullable(name);
        return this;
    }

    /**
     * Whether {@code commit()} flushes (one index blob per snapshot, like a kopia session). Off: several snapshots
     * share the next {@link #flush()}.
     */
    public KopiaFixtureWriter autoFlush(boolean value) {
        this.autoFlush = value;
        return this;
    }

    /** Flushes, then writes later index blobs into epoch {@code n} (writing the epoch markers, as kopia does). */
    public KopiaFixtureWriter advanceEpoch() {
        flush();
        epoch++;
        store.put(IndexBlobNames.epochMarker(epoch), IndexBlobNames.EPOCH_MARKER_BODY);
        return this;
    }

    public String password() {
        return format.password();
    }

    public InMemoryBlobStore store() {
        return store;
    }

    // ---------------------------------------------------------------- snapshots

    /** Starts a snapshot of {@code source}; nothing is stored until {@link SnapshotBuilder#commit()}. */
    public SnapshotBuilder snapshot(String source, Instant startAt) {
        return new SnapshotBuilder(SourceInfo.parse(source), startAt);
    }

    /** Marks a snapshot deleted: a later manifest entry with the same id and {@code deleted: true}. */
    public void deleteSnapshot(String manifestId, Instant at) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("id", manifestId);
        entry.putNull("labels");
        entry.put("modified", KopiaTimestamp.format(at));
        entry.put("deleted", true);
        entry.putNull("data");
        pendingManifests.add(entry);
        flush();
    }

    /**
     * Kopia's manifest compaction (kopia: repo/manifest/committed_manifest_manager.go): all live entries are
     * rewritten into one new {@code m} content and the old {@code m} contents are soft-deleted in the index.
     */
    public void compactManifests() {
        flush();
        if (manifestContents.size() <= 1) {
            return;
        }
        List<ContentId> old = List.copyOf(manifestContents);
        manifestContents.clear();
        pendingManifests.addAll(liveManifests.values());
        for (ContentId id : old) {
            IndexEntry e = committed.get(id);
            pendingDeletions.add(new IndexEntry(id, e.packBlobId(), e.packOffset(), e.packedLengthBytes(),
                    e.originalLengthBytes(), e.timestampSeconds() + 1, true, e.compressionHeaderId(),
                    e.formatVersion(), e.encryptionKeyId(), e.indexVersion()));
        }
        flush();
    }

    /** The number of live manifest contents (kopia compacts when more than 16 exist). */
    public int manifestContentCount() {
        return manifestContents.size();
    }

    /** Writes pending manifests, packs and one index blob (kopia's flush at the end of a session). */
    public void flush() {
        if (!pendingManifests.isEmpty()) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode entries = root.putArray("entries");
            pendingManifests.forEach(entries::add);
            for (ObjectNode e : pendingManifests) {
                if (e.path("deleted").asBoolean(false)) {
                    liveManifests.remove(e.get("id").asString());
                } else {
                    liveManifests.put(e.get("id").asString(), e);
                }
            }
            pendingManifests.clear();
            manifestContents.add(
                    writeContent('m', gzip(JSON.writeValueAsBytes(root)), Optional.of(CompressorName.ZSTD_FASTEST)));
        }
        List<IndexEntry> written = new ArrayList<>(pendingDeletions);
        pendingDeletions.clear();
        written.addAll(dataPack.finish());
        written.addAll(metadataPack.finish());
        if (written.isEmpty()) {
            return;
        }
        written.forEach(e -> committed.put(e.contentId(), e));
        if (formatVersion == 1) {
            var blob = blobEncryptor.encrypt("n", sessionId, IndexV1Writer.write(written));
            store.put(blob.id(), blob.bytes());
        } else {
            var blob = blobEncryptor.encrypt("xn" + epoch + "_", sessionId + "-c1", IndexV2Writer.write(written));
            store.put(blob.id(), blob.bytes());
        }
    }

    /** The index entry written for a content (after {@link #flush()}). */
    public IndexEntry entry(ContentId id) {
        return committed.get(id);
    }

    /** Every committed index entry. */
    public Map<ContentId, IndexEntry> entries() {
        return Map.copyOf(committed);
    }

    /** A snapshot under construction: a tree of files, directories and symlinks. */
    public final class SnapshotBuilder {
        private final SourceInfo source;
        private final Instant startAt;
        private Instant endAt;
        private final Dir root = new Dir();
        private String incompleteReason;
        private String description = "";
        private final Map<String, String> tags = new LinkedHashMap<>();

        private SnapshotBuilder(SourceInfo source, Instant startAt) {
            this.source = source;
            this.startAt = startAt;
            this.endAt = startAt.plusSeconds(5);
        }

        public SnapshotBuilder file(String path, byte[] data) {
            return file(path, data, 0644, startAt.minusSeconds(3600));
        }

        public SnapshotBuilder file(String path, byte[] data, int mode, Instant mtime) {
            root.put(path, new Node.File(data, mode, mtime));
            return this;
        }

        public SnapshotBuilder dir(String path) {
            root.dir(path);
            return this;
        }

        public SnapshotBuilder symlink(String path, String target) {
            root.put(path, new Node.Link(target, startAt.minusSeconds(60)));
            return this;
        }

        public SnapshotBuilder endAt(Instant value) {
            this.endAt = value;
            return this;
        }

        public SnapshotBuilder incomplete(String reason) {
            this.incompleteReason = reason;
            return this;
        }

        public SnapshotBuilder description(String value) {
            this.description = value;
            return this;
        }

        public SnapshotBuilder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** Stores the tree and the snapshot manifest, flushes, and returns the manifest id. */
        public String commit() {
            Written rootWritten = writeDir(root);
            String manifestId = HEX.formatHex(randomBytes(16));
            ObjectNode data = JSON.createObjectNode();
            data.put("id", "");
            ObjectNode src = data.putObject("source");
            src.put("host", source.host());
            src.put("userName", source.userName());
            src.put("path", source.path());
            data.put("description", description);
            data.put("startTime", KopiaTimestamp.format(startAt));
            data.put("endTime", KopiaTimestamp.format(endAt));
            ObjectNode stats = data.putObject("stats");
            stats.put("totalSize", rootWritten.summary.size);
            stats.put("excludedTotalSize", 0);
            stats.put("fileCount", rootWritten.summary.files);
            stats.put("cachedFiles", 0);
            stats.put("nonCachedFiles", rootWritten.summary.files);
            stats.put("dirCount", rootWritten.summary.dirs);
            stats.put("excludedFileCount", 0);
            stats.put("excludedDirCount", 0);
            stats.put("ignoredErrorCount", 0);
            stats.put("errorCount", 0);
            if (incompleteReason != null) {
                data.put("incomplete", incompleteReason);
            }
            ObjectNode rootEntry = data.putObject("rootEntry");
            rootEntry.put("name", lastSegment(source.path()));
            rootEntry.put("type", "d");
            rootEntry.put("mode", "0755");
            rootEntry.put("mtime", KopiaTimestamp.format(startAt.minusSeconds(30)));
            rootEntry.put("obj", rootWritten.objectId);
            rootEntry.set("summ", rootWritten.summary.toJson());
            if (!tags.isEmpty()) {
                ObjectNode t = data.putObject("tags");
                tags.forEach(t::put);
            }
            ObjectNode entry = JSON.createObjectNode();
            entry.put("id", manifestId);
            ObjectNode labels = entry.putObject("labels");
            labels.put("hostname", source.host());
            labels.put("path", source.path());
            labels.put("type", "snapshot");
            labels.put("username", source.userName());
            tags.forEach((k, v) -> labels.put("tag:" + k, v));
            entry.put("modified", KopiaTimestamp.format(endAt));
            entry.set("data", data);
            pendingManifests.add(entry);
            if (autoFlush) {
                flush();
            }
            return manifestId;
        }
    }

    // ---------------------------------------------------------------- tree writing

    private sealed interface Node permits Node.File, Node.Link, Dir {
        record File(byte[] data, int mode, Instant mtime) implements Node {
        }

        record Link(String target, Instant mtime) implements Node {
        }
    }

    private static final class Dir implements Node {
        final Map<String, Node> children = new java.util.TreeMap<>();

        Dir dir(String path) {
            Dir d = this;
            for (String part : path.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                d = (Dir) d.children.computeIfAbsent(part, k -> new Dir());
            }
            return d;
        }

        void put(String path, Node node) {
            int slash = path.lastIndexOf('/');
            Dir parent = slash < 0 ? this : dir(path.substring(0, slash));
            parent.children.put(path.substring(slash + 1), node);
        }
    }

    private static final class Summary {
        long size;
        long files;
        long symlinks;
        long dirs;
        Instant maxTime = Instant.EPOCH;

        void add(Summary other) {
            size += other.size;
            files += other.files;
            symlinks += other.symlinks;
            dirs += other.dirs;
            maxTime = other.maxTime.isAfter(maxTime) ? other.maxTime : maxTime;
        }

        void seen(Instant t) {
            maxTime = t.isAfter(maxTime) ? t : maxTime;
        }

        ObjectNode toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("size", size);
            n.put("files", files);
            n.put("symlinks", symlinks);
            n.put("dirs", dirs);
            n.put("maxTime", KopiaTimestamp.format(maxTime));
            n.put("numFailed", 0);
            return n;
        }
    }

    private record Written(String objectId, Summary summary) {
    }

    private Written writeDir(Dir dir) {
        Summary summary = new Summary();
        summary.dirs = 1;
        List<ObjectNode> dirs = new ArrayList<>();
        List<ObjectNode> others = new ArrayList<>();
        for (var child : dir.children.entrySet()) {
            ObjectNode e = JSON.createObjectNode();
            e.put("name", child.getKey());
            switch (child.getValue()) {
                case Dir d -> {
                    Written w = writeDir(d);
                    e.put("type", "d");
                    e.put("mode", "0755");
                    e.put("mtime", KopiaTimestamp.format(w.summary.maxTime));
                    e.put("uid", 1000);
                    e.put("gid", 1000);
                    e.put("obj", w.objectId);
                    e.set("summ", w.summary.toJson());
                    summary.add(w.summary);
                    dirs.add(e);
                }
                case Node.File f -> {
                    e.put("type", "f");
                    e.put("mode", "0" + Integer.toOctalString(f.mode()));
                    e.put("size", f.data().length);
                    e.put("mtime", KopiaTimestamp.format(f.mtime()));
                    e.put("uid", 1000);
                    e.put("gid", 1000);
                    e.put("obj", writeObject(f.data(), (char) 0, fileCompression));
                    summary.size += f.data().length;
                    summary.files++;
                    summary.seen(f.mtime());
                    others.add(e);
                }
                case Node.Link l -> {
                    byte[] target = l.target().getBytes(StandardCharsets.UTF_8);
                    e.put("type", "s");
                    e.put("mode", "0777");
                    e.put("size", target.length);
                    e.put("mtime", KopiaTimestamp.format(l.mtime()));
                    e.put("obj", writeObject(target, (char) 0, Optional.empty()));
                    summary.symlinks++;
                    summary.seen(l.mtime());
                    others.add(e);
                }
            }
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("stream", "kopia:directory");
        ArrayNode entries = json.putArray("entries");
        dirs.forEach(entries::add);
        others.forEach(entries::add);
        json.set("summary", summary.toJson());
        String objectId = writeObject(JSON.writeValueAsBytes(json), 'k', metadataCompression);
        return new Written(objectId, summary);
    }

    /** Splits {@code data} into chunks; more than one chunk makes an indirect object with a seek table. */
    private String writeObject(byte[] data, char prefix, Optional<CompressorName> compression) {
        if (data.length <= chunkBytes) {
            return writeContent(prefix, data, compression).toString();
        }
        ObjectNode table = JSON.createObjectNode();
        table.put("stream", "kopia:indirect");
        ArrayNode entries = table.putArray("entries");
        for (int start = 0; start < data.length; start += chunkBytes) {
            int len = Math.min(chunkBytes, data.length - start);
            byte[] chunk = new byte[len];
            System.arraycopy(data, start, chunk, 0, len);
            ObjectNode e = entries.addObject();
            if (start > 0) {
                e.put("s", start);
            }
            e.put("l", len);
            e.put("o", writeContent(prefix, chunk, compression).toString());
        }
        char indexPrefix = prefix == 0 ? 'x' : prefix;
        return "I" + writeContent(indexPrefix, JSON.writeValueAsBytes(table), metadataCompression);
    }

    /** Stores one content (deduplicated by id) in the open data or metadata pack. */
    public ContentId writeContent(char prefix, byte[] plaintext, Optional<CompressorName> compression) {
        ContentId id = new ContentId(prefix, hasher.hash(plaintext));
        Pack pack = prefix == 0 ? dataPack : metadataPack;
        if (committed.containsKey(id) || pack.has(id)) {
            return id;
        }
        byte[] payload = plaintext;
        int headerId = 0;
        // content-level compression needs index v2 (format version >= 2); v1 repositories store contents as they are
        if (compression.isPresent() && formatVersion >= 2) {
            byte[] compressed = Compressors.compress(compression.get(), plaintext);
            if (compressed.length < plaintext.length) {
                payload = compressed;
                headerId = compression.get().headerId();
            }
        }
        pack.add(id, encryptor.encryptContent(id, payload), plaintext.length, headerId);
        return id;
    }

    /** One pack being filled. */
    private final class Pack {
        private final char blobPrefix;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Map<ContentId, long[]> pending = new LinkedHashMap<>();

        Pack(char blobPrefix) {
            this.blobPrefix = blobPrefix;
        }

        boolean has(ContentId id) {
            return pending.containsKey(id);
        }

        void add(ContentId id, byte[] ciphertext, long originalLength, int headerId) {
            if (bytes.size() == 0) {
                if (formatVersion == 1) {
                    bytes.writeBytes(formatRecoveryCopy());
                }
                bytes.writeBytes(randomBytes(PACK_PREAMBLE_BYTES));
            }
            pending.put(id, new long[] {bytes.size(), ciphertext.length, originalLength, headerId});
            bytes.writeBytes(ciphertext);
        }

        List<IndexEntry> finish() {
            if (pending.isEmpty()) {
                return List.of();
            }
            BlobId packId = BlobId.of(blobPrefix + HEX.formatHex(randomBytes(16)) + "-" + sessionId);
            long now = clock.instant().getEpochSecond();
            List<IndexEntry> entries = new ArrayList<>();
            pending.forEach((id, v) -> entries.add(new IndexEntry(id, packId, v[0], v[1],
                    formatVersion == 1 ? IndexEntry.UNKNOWN_LENGTH : v[2], now, false,
                    formatVersion == 1 ? 0 : (int) v[3], formatVersion, 0, formatVersion == 1 ? 1 : 2)));
            int padding = 4096 - (bytes.size() % 4096);
            bytes.writeBytes(randomBytes(padding));
            byte[] localIndex = formatVersion == 1 ? IndexV1Writer.write(entries) : IndexV2Writer.write(entries);
            byte[] localIv = hasher.hash(localIndex);
            byte[] sealed = encryptor.encrypt(localIndex, localIv);
            long localOffset = bytes.size();
            bytes.writeBytes(sealed);
            bytes.writeBytes(postamble(localIv, localOffset, sealed.length));
            store.put(packId, bytes.toByteArray());
            bytes.reset();
            pending.clear();
            return entries;
        }
    }

    /** kopia-format.md §4.5: uvarint version, IV, local index offset and length, CRC-32 (BE), length byte. */
    private static byte[] postamble(byte[] iv, long offset, long length) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        uvarint(p, 1);
        uvarint(p, iv.length);
        p.writeBytes(iv);
        uvarint(p, offset);
        uvarint(p, length);
        CRC32 crc = new CRC32();
        crc.update(p.toByteArray());
        p.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        int n = p.size();
        p.write(n);
        return p.toByteArray();
    }

    /** kopia-format.md §2.6: format v1 packs begin with a recovery copy of kopia.repository. */
    private byte[] formatRecoveryCopy() {
        byte[] raw = format.formatBlobBytes();
        byte[] mac;
        try {
            javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
            hmac.init(new javax.crypto.spec.SecretKeySpec("kopia-repository".getBytes(StandardCharsets.US_ASCII),
                    "HmacSHA256"));
            mac = hmac.doFinal(raw);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        int len = raw.length + mac.length;
        ByteBuffer b = ByteBuffer.allocate(len + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) len).put(raw).put(mac).putShort((short) len);
        return b.array();
    }

    private static void uvarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 || slash == path.length() - 1 ? path : path.substring(slash + 1);
    }

    /** Applies {@code body} and returns this, for fluent fixture set-up. */
    public KopiaFixtureWriter with(Consumer<KopiaFixtureWriter> body) {
        body.accept(this);
        return this;
    }
}
