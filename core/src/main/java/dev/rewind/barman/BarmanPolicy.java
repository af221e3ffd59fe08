package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.util.Optional;

/**
 * Thresholds for verifying a Barman Cloud archive (defaults after cnpg-barman.md §7.3).
 *
 * @param maxBackupAge       the newest usable base backup must have ended within this (ERROR otherwise); 26 h for
 *                           daily backups
 * @param maxWalAge          the newest archived WAL must be younger (WARNING otherwise: an idle database archives
 *                           nothing, §4.7)
 * @param endWalGrace        a backup's missing end WAL is only INFO for this long after its end time (§4.4)
 * @param inProgressGrace    a backup directory without backup.info is "in progress" (INFO) for this long after its
 *                           newest object, afterwards crashed (WARNING)
 * @param segmentSize        forces the WAL segment size; by default it is read from the backups' backup.info
 */
public record BarmanPolicy(Duration maxBackupAge, Duration maxWalAge, Duration endWalGrace, Duration inProgressGrace,
                           Optional<WalSegmentSize> segmentSize) {

    public BarmanPolicy {
        for (Duration d : new Duration[] {maxBackupAge, maxWalAge, endWalGrace, inProgressGrace}) {
            if (d == null || d.isNegative()) {
                throw new RewindException(Reason.INVALID_INPUT, "barman policy durations must be positive");
            }
        }
    }

    public static BarmanPolicy defaults() {
        return new BarmanPolicy(Duration.ofHours(26), Duration.ofMinutes(60), Duration.ofMinutes(10),
                Duration.ofHours(6), Optional.empty());
    }

    public BarmanPolicy withMaxBackupAge(Duration value) {
        return new BarmanPolicy(value, maxWalAge, endWalGrace, inProgressGrace, segmentSize);
    }

    public BarmanPolicy withMaxWalAge(Duration value) {
        return new BarmanPolicy(maxBackupAge, value, endWalGrace, inProgressGrace, segmentSize);
    }

    public BarmanPolicy withSegmentSize(WalSegmentSize value) {
        return new BarmanPolicy(maxBackupAge, maxWalAge, endWalGrace, inProgressGrace, Optional.of(value));
    }
}
