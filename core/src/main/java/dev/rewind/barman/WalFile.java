package dev.rewind.barman;

import dev.rewind.storage.BlobMetadata;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One classified WAL-style object of the archive (cnpg-barman.md §3.1, §4.3): its blob, its kind, its timeline, its
 * segment name (absent for history files) and its compression.
 *
 * @param expectedPlacement whether the object sits where barman puts it: segments, partials and labels in the hash
 *                          directory {@code TTTTTTTTLLLLLLLL/}, history files directly under {@code wals/}
 */
public record WalFile(BlobMetadata blob, WalFileKind kind, long timeline, Optional<WalName> segment,
                      WalCompression compression, boolean expectedPlacement) {
    private static final Pattern PARTIAL = Pattern.compile("[0-9A-Fa-f]{24}\\.partial");
    private static final Pattern LABEL = Pattern.compile("[0-9A-Fa-f]{24}\\.[0-9A-Fa-f]{8}\\.backup");
    private static final Pattern HISTORY = Pattern.compile("([0-9A-Fa-f]{8})\\.history");

    /**
     * Classifies the object {@code blob} whose key is {@code walsPrefix + relativeKey} ({@code walsPrefix} ends with
     * {@code wals/}). Empty when the name is not WAL-style (barman ignores such objects).
     */
    public static Optional<WalFile> classify(BlobMetadata blob, String relativeKey) {
        int slash = relativeKey.lastIndexOf('/');
        String dir = slash < 0 ? "" : relativeKey.substring(0, slash);
        String fileName = relativeKey.substring(slash + 1);
        WalCompression compression = WalCompression.ofFileName(fileName);
        String base = compression.strip(fileName);
        if (base.startsWith("00000000")) {
            return Optional.empty(); // timeline 0 does not exist
        }
        if (WalName.isSegmentName(base)) {
            return Optional.of(segmentLike(blob, WalFileKind.SEGMENT, base, compression, dir));
        }
        if (PARTIAL.matcher(base).matches()) {
            return Optional.of(segmentLike(blob, WalFileKind.PARTIAL, base.substring(0, 24), compression, dir));
        }
        if (LABEL.matcher(base).matches()) {
            return Optional.of(segmentLike(blob, WalFileKind.BACKUP_LABEL, base.substring(0, 24), compression, dir));
        }
        var history = HISTORY.matcher(base);
        if (history.matches()) {
            long timeline = Long.parseLong(history.group(1), 16);
            return Optional.of(new WalFile(blob, WalFileKind.HISTORY, timeline, Optional.empty(), compression,
                    dir.isEmpty()));
        }
        return Optional.empty();
    }

    private static WalFile segmentLike(BlobMetadata blob, WalFileKind kind, String name, WalCompression compression,
                                       String dir) {
        WalName wal = WalName.parse(name);
        return new WalFile(blob, kind, wal.timeline(), Optional.of(wal), compression,
                dir.equalsIgnoreCase(wal.hashDir()));
    }
}
