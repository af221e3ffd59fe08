package dev.rewind.barman;

import dev.rewind.storage.InMemoryBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Writes a synthetic Barman Cloud archive into an {@link InMemoryBlobStore} following cnpg-barman.md §3.1/§3.2.
 * Every object is written at the fixture clock's time; segment writes advance the clock by one minute each.
 */
final class BarmanFixture {
    static final Instant START = Instant.parse("2026-08-21T00:00:00Z");
    private static final DateTimeFormatter BARMAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    final MutableClock clock = new MutableClock(START);
    final InMemoryBlobStore store = new InMemoryBlobStore(clock);
    final String server;
    final WalSegmentSize size;

    BarmanFixture(String server, WalSegmentSize size) {
        this.server = server;
        this.size = size;
    }

    BarmanFixture() {
        this("pg", WalSegmentSize.DEFAULT);
    }

    BarmanServer server() {
        return BarmanArchive.open(store, "").server(server);
    }

    /** Writes data.tar.bz2 and backup.info of a backup that began at {@code beginWal} and ended at {@code endWal}. */
    void backup(String id, String status, WalName beginWal, WalName endWal, Instant beginAt, Instant endAt) {
        store.put(server + "/base/" + id + "/data.tar.bz2", new byte[] {1, 2, 3});
        store.put(server + "/base/" + id + "/backup.info", backupInfo(id, status, beginWal, endWal, beginAt, endAt)
                .getBytes(StandardCharsets.UTF_8));
    }

    String backupInfo(String id, String status, WalName beginWal, WalName endWal, Instant beginAt, Instant endAt) {
        return String.join("\n",
                "backup_label='START WAL LOCATION: " + beginWal.startLsn(size) + " (file " + beginWal
                        + ")\\nLABEL: Barman backup cloud " + id + "\\nSTART TIMELINE: " + beginWal.timeline() + "\\n'",
                "backup_name=backup-" + id.replace("T", ""),
                "begin_offset=40",
                "begin_time=" + BARMAN_TIME.format(beginAt.atOffset(ZoneOffset.UTC)),
                "begin_wal=" + beginWal,
                "begin_xlog=" + Lsn.of(beginWal.startLsn(size).value() + 40),
                "compression=None",
                "end_time=" + BARMAN_TIME.format(endAt.atOffset(ZoneOffset.UTC)),
                "end_wal=" + endWal,
                "end_xlog=" + Lsn.of(endWal.startLsn(size).value() + 96),
                "error=" + (status.equals("FAILED") ? "failure uploading data (connection reset)" : "None"),
                "server_name=cloud",
                "status=" + status,
                "systemid=7405123456789012345",
                "tablespaces=None",
                "timeline=" + beginWal.timeline(),
                "version=170005",
                "xlog_segment_size=" + size.bytes(),
                "");
    }

    /** Writes {@code count} consecutive segments from {@code first}, one minute apart. */
    WalName segments(WalName first, int count, WalCompression compression) {
        WalName name = first;
        WalName last = first;
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofMinutes(1));
            store.put(walKey(name.toString(), name.hashDir(), compression), compress(new byte[] {7, 7}, compression));
            last = name;
            name = name.next(size);
        }
        return last;
    }

    WalName segments(WalName first, int count) {
        return segments(first, count, WalCompression.GZIP);
    }

    void partial(WalName name) {
        clock.advance(Duration.ofSeconds(10));
        store.put(walKey(name + ".partial", name.hashDir(), WalCompression.GZIP), compress(new byte[] {1},
                WalCompression.GZIP));
    }

    void history(long timeline, String text, WalCompression compression) {
        store.put(server + "/wals/" + String.format("%08X", timeline) + ".history" + compression.suffix(),
                compress(text.getBytes(StandardCharsets.UTF_8), compression));
    }

    void delete(WalName name, WalCompression compression) {
        store.delete(dev.rewind.storage.BlobId.of(walKey(name.toString(), name.hashDir(), compression)));
    }

    String walKey(String fileName, String hashDir, WalCompression compression) {
        return server + "/wals/" + hashDir + "/" + fileName + compression.suffix();
    }

    static byte[] compress(byte[] bytes, WalCompression compression) {
        var out = new ByteArrayOutputStream();
        try (OutputStream c = switch (compression) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case XZ -> new XZCompressorOutputStream(out);
            case SNAPPY -> new FramedSnappyCompressorOutputStream(out);
            case ZSTD -> new ZstdCompressorOutputStream(out);
            case LZ4 -> new FramedLZ4CompressorOutputStream(out);
        }) {
            c.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
