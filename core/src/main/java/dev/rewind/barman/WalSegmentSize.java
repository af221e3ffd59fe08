package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/**
 * The WAL segment size of a PostgreSQL cluster ({@code wal_segment_size}, backup.info {@code xlog_segment_size}):
 * a power of two from 1 MiB to 1 GiB. It fixes the WAL naming arithmetic: {@link #segmentsPerLog()} segments share
 * one log id (cnpg-barman.md §3.3).
 */
public record WalSegmentSize(long bytes) {
    /** PostgreSQL's default, 16 MiB. */
    public static final WalSegmentSize DEFAULT = new WalSegmentSize(16L * 1024 * 1024);

    private static final long MIN_BYTES = 1024L * 1024;
    private static final long MAX_BYTES = 1024L * 1024 * 1024;
    private static final long LOG_SPAN = 0x1_0000_0000L;

    public WalSegmentSize {
        if (bytes < MIN_BYTES || bytes > MAX_BYTES || Long.bitCount(bytes) != 1) {
            throw new RewindException(Reason.INVALID_INPUT,
                    "WAL segment size must be a power of two from 1 MiB to 1 GiB, got " + bytes + " bytes");
        }
    }

    public static WalSegmentSize ofBytes(long bytes) {
        return new WalSegmentSize(bytes);
    }

    public static WalSegmentSize ofMebibytes(int mebibytes) {
        return new WalSegmentSize(mebibytes * 1024L * 1024);
    }

    /**
     * Segments per log id: 2^32 / size (256 for 16 MiB, 4096 for 1 MiB, 4 for 1 GiB). Barman writes it as
     * {@code 0xFFFFFFFF // size} and uses that as the highest index; the set of names is the same.
     */
    public long segmentsPerLog() {
        return LOG_SPAN / bytes;
    }

    @Override
    public String toString() {
        return bytes % (1024L * 1024) == 0 ? (bytes / (1024L * 1024)) + " MiB" : bytes + " bytes";
    }
}
