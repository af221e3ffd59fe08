package dev.rewind.cnpg;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Barman Cloud plugin {@code ObjectStore} ({@code barmancloud.cnpg.io/v1}, cnpg-barman.md §1.6).
 *
 * @param name            object name
 * @param namespace       object namespace
 * @param destinationPath {@code s3://bucket[/prefix]}
 * @param endpointUrl     e.g. {@code http://garage.storage:3900}
 * @param s3Credentials   Secret references for S3
 * @param walCompression  {@code wal.compression} (empty = uncompressed)
 * @param dataCompression {@code data.compression}
 * @param retentionPolicy e.g. {@code 30d}
 * @param recoveryWindows {@code status.serverRecoveryWindow} by server name
 */
public record ObjectStore(String name, String namespace, String destinationPath, Optional<String> endpointUrl,
                          S3Credentials s3Credentials, Optional<String> walCompression,
                          Optional<String> dataCompression, Optional<String> retentionPolicy,
                          Map<String, RecoveryWindow> recoveryWindows) {
    public ObjectStore {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(destinationPath, "destinationPath");
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        Objects.requireNonNull(s3Credentials, "s3Credentials");
        Objects.requireNonNull(walCompression, "walCompression");
        Objects.requireNonNull(dataCompression, "dataCompression");
        Objects.requireNonNull(retentionPolicy, "retentionPolicy");
        recoveryWindows = Map.copyOf(recoveryWindows);
    }
}
