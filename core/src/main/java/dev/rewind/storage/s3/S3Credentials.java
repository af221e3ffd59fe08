package dev.rewind.storage.s3;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Objects;
import java.util.Optional;

/** How {@link S3BlobStore} authenticates: fixed keys, or the AWS SDK's default provider chain. */
public sealed interface S3Credentials {

    /** Access key, secret key and optional session token. {@link #toString()} never shows the secrets. */
    record Static(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) implements S3Credentials {
        public Static {
            Objects.requireNonNull(sessionToken, "sessionToken");
            if (accessKeyId == null || accessKeyId.isBlank()) {
                throw new RewindException(Reason.INVALID_INPUT, "AWS_ACCESS_KEY_ID must not be empty");
            }
            if (secretAccessKey == null || secretAccessKey.isEmpty()) {
                throw new RewindException(Reason.INVALID_INPUT, "AWS_SECRET_ACCESS_KEY must not be empty");
            }
        }

        public Static(String accessKeyId, String secretAccessKey) {
            this(accessKeyId, secretAccessKey, Optional.empty());
        }

        @Override
        public String toString() {
            return "Static[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
                    + (sessionToken.isPresent() ? ", sessionToken=***" : "") + "]";
        }
    }

    /** The SDK's default chain: environment, system properties, profile files, web identity, container, IMDS. */
    record DefaultChain() implements S3Credentials {
    }
}
