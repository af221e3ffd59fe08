package dev.rewind.pg;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator asks for: recover to {@code targetTime} into {@code newName} (default
 * {@code <cluster>-pitr-<yyyyMMddHHmm of T>}) with {@code instances} instances (default 1: scale up once the
 * recovered data is verified, cnpg-barman.md §2.4).
 *
 * @param targetTime RFC 3339 as typed; parsed by {@link TargetTime}
 */
public record RecoveryRequest(String targetTime, Optional<String> newName, int instances) {
    public RecoveryRequest {
        Objects.requireNonNull(targetTime, "targetTime");
        Objects.requireNonNull(newName, "newName");
        if (instances < 1) {
            throw new RewindException(Reason.INVALID_INPUT, "--instances must be at least 1");
        }
    }

    public static RecoveryRequest of(String targetTime) {
        return new RecoveryRequest(targetTime, Optional.empty(), 1);
    }
}
