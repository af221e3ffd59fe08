package dev.rewind.verify;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Verifier} checks and how hard.
 *
 * @param maxAge the recovery point objective: the newest complete snapshot must have started at most this long ago
 *               (otherwise {@link Finding.StaleBackup}). It is also the expected backup interval for the retention
 *               check. Empty: no freshness check.
 * @param retain the retention policy the backups are expected to satisfy (Volsync {@code kopia.retain},
 *               volsync.md §1.1); empty: no retention check
 * @param shrinkThreshold the newest complete snapshot is {@link Finding.ShrunkSnapshot shrunk} when its file count or
 *                        total size is below this fraction of its complete predecessor's (default 0.10; 0 disables)
 * @param verifyPercent the percentage (0–100) of files whose every content is read, decrypted and decompressed;
 *                      100 is a deep verify. Structure (index entry, pack existence and length) is always checked
 *                      for every content of the verified trees.
 * @param allSnapshots verify the trees of every snapshot (as {@code kopia snapshot verify} does) instead of only the
 *                     newest snapshot and the newest complete one; each content is still visited once
 * @param parallelism worker threads for content checks (default: available processors)
 * @param maxFindingsPerSource findings kept per source; further ones are only counted (bounds memory on a badly
 *                             damaged repository)
 */
public record VerifyPolicy(
        Optional<Duration> maxAge,
        Optional<RetainPolicy> retain,
        double shrinkThreshold,
        double verifyPercent,
        boolean allSnapshots,
        int parallelism,
        int maxFindingsPerSource) {

    public static final double DEFAULT_SHRINK_THRESHOLD = 0.10;
    public static final int DEFAULT_MAX_FINDINGS_PER_SOURCE = 1000;

    public VerifyPolicy {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(retain, "retain");
        if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
            throw invalid("maxAge must be positive, got " + maxAge.get());
        }
        if (!(shrinkThreshold >= 0 && shrinkThreshold < 1)) {
            throw invalid("shrink threshold must be in [0, 1), got " + shrinkThreshold);
        }
        if (!(verifyPercent >= 0 && verifyPercent <= 100)) {
            throw invalid("verify percent must be in [0, 100], got " + verifyPercent);
        }
        if (parallelism < 1) {
            throw invalid("parallelism must be at least 1, got " + parallelism);
        }
        if (maxFindingsPerSource < 1) {
            throw invalid("max findings per source must be at least 1, got " + maxFindingsPerSource);
        }
    }

    /**
     * No freshness or retention expectations, shrink threshold 10 %, structure only (0 %), newest snapshots only,
     * one worker per available processor.
     */
    public static VerifyPolicy defaults() {
        return new VerifyPolicy(Optional.empty(), Optional.empty(), DEFAULT_SHRINK_THRESHOLD, 0, false,
                Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_FINDINGS_PER_SOURCE);
    }

    public VerifyPolicy withMaxAge(Duration value) {
        return new VerifyPolicy(Optional.of(value), retain, shrinkThreshold, verifyPercent, allSnapshots, parallelism,
                maxFindingsPerSource);
    }

    public VerifyPolicy withRetain(RetainPolicy value) {
        return new VerifyPolicy(maxAge, Optional.of(value), shrinkThreshold, verifyPercent, allSnapshots, parallelism,
                maxFindingsPerSource);
    }

    public VerifyPolicy withShrinkThreshold(double value) {
        return new VerifyPolicy(maxAge, retain, value, verifyPercent, allSnapshots, parallelism, maxFindingsPerSource);
    }

    public VerifyPolicy withVerifyPercent(double value) {
        return new VerifyPolicy(maxAge, retain, shrinkThreshold, value, allSnapshots, parallelism,
                maxFindingsPerSource);
    }

    /** Shorthand for {@code withVerifyPercent(100)}. */
    public VerifyPolicy deep() {
        return withVerifyPercent(100);
    }

    public VerifyPolicy withAllSnapshots(boolean value) {
        return new VerifyPolicy(maxAge, retain, shrinkThreshold, verifyPercent, value, parallelism,
                maxFindingsPerSource);
    }

    public VerifyPolicy withParallelism(int value) {
        return new VerifyPolicy(maxAge, retain, shrinkThreshold, verifyPercent, allSnapshots, value,
                maxFindingsPerSource);
    }

    public VerifyPolicy withMaxFindingsPerSource(int value) {
        return new VerifyPolicy(maxAge, retain, shrinkThreshold, verifyPercent, allSnapshots, parallelism, value);
    }

    private static RewindException invalid(String message) {
        return new RewindException(Reason.INVALID_INPUT, message);
    }

    /**
     * Kopia's retention counts (Volsync {@code kopia.retain.{hourly,daily,weekly,monthly,yearly}}, volsync.md §1.1);
     * 0 means "not set". {@code latest} is not checked: any snapshot satisfies it.
     */
    public record RetainPolicy(int hourly, int daily, int weekly, int monthly, int yearly) {
        public RetainPolicy {
            if (hourly < 0 || daily < 0 || weekly < 0 || monthly < 0 || yearly < 0) {
                throw invalid("retain counts must not be negative: hourly=" + hourly + " daily=" + daily
                        + " weekly=" + weekly + " monthly=" + monthly + " yearly=" + yearly);
            }
        }

        /** The count for one granularity. */
        public int count(RetentionGranularity granularity) {
            return switch (granularity) {
                case HOURLY -> hourly;
                case DAILY -> daily;
                case WEEKLY -> weekly;
                case MONTHLY -> monthly;
                case YEARLY -> yearly;
            };
        }
    }
}
