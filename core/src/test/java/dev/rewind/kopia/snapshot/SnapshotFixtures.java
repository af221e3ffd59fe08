package dev.rewind.kopia.snapshot;

import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.manifest.ManifestEntry;
import dev.rewind.kopia.manifest.ManifestId;
import java.time.Instant;
import java.util.HexFormat;

/** Snapshot manifest entries shaped like kopia's (kopia-format.md §6.2), built in code for selection tests. */
final class SnapshotFixtures {
    static final ContentId MANIFEST_CONTENT = ContentId.parse("m0123456789abcdef0123456789abcdef");
    private static int counter;

    private SnapshotFixtures() {
    }

    /** A snapshot of {@code source} with the given times (RFC 3339 text, written verbatim) and incomplete reason. */
    static ManifestEntry snapshot(String source, String startTime, String endTime, String incomplete) {
        SourceInfo info = SourceInfo.parse(source);
        String id = HexFormat.of().toHexDigits(++counter) + "0123456789abcdef01234567";
        String data = "{\"id\":\"\",\"source\":{\"host\":\"" + info.host() + "\",\"userName\":\"" + info.userName()
                + "\",\"path\":\"" + info.path() + "\"},\"description\":\"\",\"startTime\":\"" + startTime
                + "\",\"endTime\":\"" + endTime + "\",\"stats\":{\"totalSize\":100,\"fileCount\":1,\"dirCount\":1}"
                + (incomplete.isEmpty() ? "" : ",\"incomplete\":\"" + incomplete + "\"")
                + ",\"rootEntry\":{\"name\":\"data\",\"type\":\"d\",\"mode\":\"0755\",\"mtime\":\"" + startTime
                + "\",\"obj\":\"k74647859396c88127696f426b4c79088\",\"summ\":{\"size\":100,\"files\":1,\"dirs\":1,"
                + "\"maxTime\":\"" + startTime + "\",\"numFailed\":0}}}";
        return new ManifestEntry(ManifestId.parse(id), info.snapshotLabels(), Instant.parse(endTime.endsWith("Z")
                ? endTime : KopiaTimestamp.format(KopiaTimestamp.parse(endTime))), false, data, MANIFEST_CONTENT);
    }

    static ManifestEntry snapshot(String source, String startTime) {
        return snapshot(source, startTime, KopiaTimestamp.format(KopiaTimestamp.parse(startTime).plusSeconds(30)), "");
    }
}
