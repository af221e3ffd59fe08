package dev.rewind.pg;

import java.util.Objects;
import java.util.Optional;

/**
 * Command-line S3 settings for an archive given by URL ({@code --endpoint}, {@code --region}); each absent value
 * falls back to the environment (see {@link ArchiveLocator#offline}). Credentials are deliberately not options:
 * they come from {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} or the AWS SDK's default chain, so
 * they never appear in a process list.
 *
 * @param endpoint e.g. {@code http://garage.storage:3900}
 * @param region   e.g. {@code us-east-1} (Garage's own default is {@code garage})
 */
public record S3Options(Optional<String> endpoint, Optional<String> region) {
    public S3Options {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
    }

    public static S3Options none() {
        return new S3Options(Optional.empty(), Optional.empty());
    }
}
