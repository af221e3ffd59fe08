package dev.rewind.storage.s3;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how {@link S3BlobStore} reads: bucket, key prefix (blob id = object key minus prefix; empty or ending
 * in {@code /} as Volsync's kopia mover writes it, but any prefix is accepted verbatim), optional endpoint (absent:
 * AWS), region, path-style addressing, credentials and timeouts.
 *
 * <p>The endpoint is a full {@code http://} or {@code https://} URI; whether TLS is used is decided by its scheme
 * (see {@link dev.rewind.storage.RepositoryLocation} for how Volsync's {@code KOPIA_S3_DISABLE_TLS} maps onto it).
 * {@link #toString()} never shows secrets.
 */
public record S3Settings(
        String bucket,
        String prefix,
        Optional<URI> endpoint,
        String region,
        boolean pathStyle,
        S3Credentials credentials,
        Duration connectTimeout,
        Duration requestTimeout) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    /** S3 bucket naming rules (lowercase, 3–63 characters), as Volsync's mover checks them. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Settings {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid S3 bucket name '" + bucket + "'",
                    "bucket names are 3-63 lowercase letters, digits, dots and hyphens", null);
        }
        if (prefix.startsWith("/")) {
            throw new RewindException(Reason.INVALID_INPUT, "S3 key prefix must not start with '/': " + prefix);
        }
        if (region == null || region.isBlank()) {
            region = DEFAULT_REGION;
        }
        endpoint.ifPresent(uri -> {
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new RewindException(Reason.INVALID_INPUT, "invalid S3 endpoint '" + uri + "'",
                        "use http://host[:port] or https://host[:port]", null);
            }
        });
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new RewindException(Reason.INVALID_INPUT, "S3 timeouts must be positive");
        }
    }

    /** AWS itself (no endpoint, virtual-hosted addressing), region us-east-1, default credential chain. */
    public static S3Settings of(String bucket, String prefix) {
        return new S3Settings(bucket, prefix, Optional.empty(), DEFAULT_REGION, false, new S3Credentials.DefaultChain(),
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** A custom endpoint (Garage, MinIO, Ceph…) with path-style addressing. */
    public S3Settings withEndpoint(URI uri) {
        return new S3Settings(bucket, prefix, Optional.of(uri), region, true, credentials, connectTimeout,
                requestTimeout);
    }

    public S3Settings withRegion(String newRegion) {
        return new S3Settings(bucket, prefix, endpoint, newRegion, pathStyle, credentials, connectTimeout,
                requestTimeout);
    }

    public S3Settings withPathStyle(boolean newPathStyle) {
        return new S3Settings(bucket, prefix, endpoint, region, newPathStyle, credentials, connectTimeout,
                requestTimeout);
    }

    public S3Settings withCredentials(S3Credentials newCredentials) {
        return new S3Settings(bucket, prefix, endpoint, region, pathStyle, newCredentials, connectTimeout,
                requestTimeout);
    }

    public S3Settings withPrefix(String newPrefix) {
        return new S3Settings(bucket, newPrefix, endpoint, region, pathStyle, credentials, connectTimeout,
                requestTimeout);
    }

    public S3Settings withTimeouts(Duration newConnectTimeout, Duration newRequestTimeout) {
        return new S3Settings(bucket, prefix, endpoint, region, pathStyle, credentials, newConnectTimeout,
                newRequestTimeout);
    }

    /** True when the endpoint is plain HTTP. */
    public boolean tlsDisabled() {
        return endpoint.map(uri -> "http".equals(uri.getScheme())).orElse(false);
    }

    /** {@code s3://bucket/prefix}. */
    public String url() {
        return "s3://" + bucket + "/" + prefix;
    }

    /** The endpoint for messages: the URI, or "AWS S3 (region)". */
    public String endpointDescription() {
        return endpoint.map(URI::toString).orElse("AWS S3 (" + region + ")");
    }

    /** {@code s3://bucket/prefix at http://endpoint}; never secrets. */
    public String describe() {
        return url() + " at " + endpointDescription();
    }

    @Override
    public String toString() {
        return "S3Settings[" + describe() + ", region=" + region + ", pathStyle=" + pathStyle + ", credentials="
                + credentials + "]";
    }
}
