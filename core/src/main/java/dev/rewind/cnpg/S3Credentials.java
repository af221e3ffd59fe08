package dev.rewind.cnpg;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code ObjectStore.spec.configuration.s3Credentials} (cnpg-barman.md §1.6): Secret references, never values.
 */
public record S3Credentials(Optional<SecretKeyRef> accessKeyId, Optional<SecretKeyRef> secretAccessKey,
                            Optional<SecretKeyRef> region, Optional<SecretKeyRef> sessionToken,
                            boolean inheritFromIamRole) {
    public S3Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }
}
