package dev.rewind.volsync;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Names of the mover Jobs Volsync creates (volsync.md §4.5): {@code volsync-src-<rs>} for a ReplicationSource and
 * {@code volsync-dst-<rd>} for a ReplicationDestination; when that exceeds 63 characters the object name is replaced
 * by its CRC-32 (IEEE) as 8 lower-case hex digits. Mover pods are {@code <job>-<random>} with label
 * {@code job-name=<job>}.
 */
public final class MoverJobName {
    /** Kubernetes' limit for label values (the Job name is also used as a label). */
    public static final int MAX_LENGTH = 63;

    private MoverJobName() {
    }

    public static String forSource(String replicationSourceName) {
        return name("volsync-src-", replicationSourceName);
    }

    public static String forDestination(String replicationDestinationName) {
        return name("volsync-dst-", replicationDestinationName);
    }

    private static String name(String prefix, String objectName) {
        String full = prefix + objectName;
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        CRC32 crc = new CRC32();
        crc.update(objectName.getBytes(StandardCharsets.UTF_8));
        return prefix + String.format("%08x", crc.getValue());
    }
}
