package dev.rewind.kopia.format;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code kopia.blobcfg} blob: S3 object-lock retention settings (kopia-format.md §2.5; kopia:
 * repo/format/blobcfg_blob.go). Only writers act on it; a reader exposes it for diagnostics. A missing blob means no
 * retention.
 *
 * @param retentionMode {@code GOVERNANCE} or {@code COMPLIANCE}; empty when not set
 * @param retentionPeriod zero when not set
 */
public record BlobStorageConfig(Optional<String> retentionMode, Duration retentionPeriod) {

    /** The blob ID. */
    public static final String BLOB_ID = "kopia.blobcfg";

    /** No retention (missing blob, or {@code {}}). */
    public static BlobStorageConfig none() {
        return new BlobStorageConfig(Optional.empty(), Duration.ZERO);
    }

    /** True when both a mode and a period are set, as kopia's {@code IsRetentionEnabled}. */
    public boolean retentionEnabled() {
        return retentionMode.isPresent() && !retentionPeriod.isZero();
    }

    /** Parses the decrypted JSON. */
    static BlobStorageConfig parse(byte[] plaintext, String what) {
        FormatJson json = FormatJson.parse(plaintext, what);
        String mode = json.string("retentionMode");
        long nanos = json.integer("retentionPeriod");
        if (nanos < 0) {
            throw new RewindException(Reason.CORRUPT, what + ": field 'retentionPeriod' is negative");
        }
        return new BlobStorageConfig(mode.isEmpty() ? Optional.empty() : Optional.of(mode), Duration.ofNanos(nanos));
    }
}
