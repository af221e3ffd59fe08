package dev.rewind.storage.s3;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.StorageException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Translates AWS SDK exceptions into {@link StorageException}s at the edge of {@link S3BlobStore}:
 * <ul>
 *   <li>404 / NoSuchKey: {@link BlobNotFoundException}; NoSuchBucket: NOT_FOUND naming the bucket.</li>
 *   <li>403, InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied: UNAVAILABLE, not retryable, with a hint
 *       about the credential variables (never their values).</li>
 *   <li>5xx, 429, SlowDown, throttling, RequestTimeout, I/O errors, timeouts, unreachable endpoints: UNAVAILABLE,
 *       retryable.</li>
 *   <li>Any other 4xx: UNAVAILABLE, not retryable.</li>
 * </ul>
 * Messages carry the status and error code but never the SDK's own text.
 */
final class S3Failures {
    private static final Set<String> CREDENTIAL_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "TokenRefreshRequired", "InvalidSecurity",
            "AllAccessDisabled", "AccountProblem", "NotSignedUp");
    private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable", "RequestLimitExceeded",
            "TooManyRequests", "Busy");
    static final String CREDENTIALS_HINT = "check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) "
            + "and the bucket policy for this key";

    private final S3Settings settings;
    private final String storeDescription;

    S3Failures(S3Settings settings, String storeDescription) {
        this.settings = settings;
        this.storeDescription = storeDescription;
    }

    /** A failure of an operation on one blob. */
    StorageException translate(SdkException e, String operation, BlobId blob) {
        return translate(e, operation, Optional.of(blob));
    }

    /** A failure of an operation not tied to one blob (listing, bucket check). */
    StorageException translate(SdkException e, String operation) {
        return translate(e, operation, Optional.empty());
    }

    private StorageException translate(SdkException e, String operation, Optional<BlobId> blob) {
        String what = operation + blob.map(b -> " of blob " + b).orElse("") + " in " + storeDescription;
        if (e instanceof S3Exception s3) {
            return translateService(s3, what, blob);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new StorageException(Reason.UNAVAILABLE, what + " timed out", true, null, e);
        }
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            return new StorageException(Reason.INTERRUPTED, what + " was interrupted", false, null, e);
        }
        if (e instanceof SdkClientException) {
            Optional<IOException> io = ioCause(e);
            if (io.isPresent()) {
                return translateIo(io.get(), what, e);
            }
            if (e.getMessage() != null && e.getMessage().contains("credentials")) {
                return new StorageException(Reason.UNAVAILABLE, "no S3 credentials found for " + storeDescription,
                        false, "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or configure the default AWS credential "
                                + "chain", e);
            }
            return new StorageException(Reason.UNAVAILABLE, what + " failed on the client side ("
                    + e.getClass().getSimpleName() + ")", e.retryable(), null, e);
        }
        return new StorageException(Reason.UNAVAILABLE, what + " failed (" + e.getClass().getSimpleName() + ")",
                e.retryable(), null, e);
    }

    private StorageException translateService(S3Exception e, String what, Optional<BlobId> blob) {
        int status = e.statusCode();
        String code = errorCode(e);
        String detail = " (HTTP " + status + (code.isEmpty() ? "" : " " + code) + ")";
        if ("NoSuchBucket".equals(code)) {
            return noSuchBucket(e);
        }
        if (status == 404 || "NoSuchKey".equals(code)) {
            if (blob.isPresent()) {
                return new BlobNotFoundException(blob.get(), storeDescription);
            }
            return new StorageException(Reason.NOT_FOUND, what + " found nothing" + detail, false, null, e);
        }
        if (status == 403 || CREDENTIAL_CODES.contains(code)) {
            return new StorageException(Reason.UNAVAILABLE, "access denied to " + settings.url() + " at "
                    + settings.endpointDescription() + detail, false, CREDENTIALS_HINT, e);
        }
        if ("AuthorizationHeaderMalformed".equals(code) || "PermanentRedirect".equals(code)
                || "IllegalLocationConstraintException".equals(code)) {
            return new StorageException(Reason.UNAVAILABLE, what + " was rejected" + detail, false,
                    "check AWS_REGION (now " + settings.region() + ") and the endpoint", e);
        }
        if (status >= 500 || status == 429 || RETRYABLE_CODES.contains(code)) {
            return new StorageException(Reason.UNAVAILABLE, what + " failed, server busy or down" + detail, true,
                    null, e);
        }
        return new StorageException(Reason.UNAVAILABLE, what + " was rejected" + detail, false, null, e);
    }

    StorageException noSuchBucket(Throwable cause) {
        return new StorageException(Reason.NOT_FOUND, "bucket " + settings.bucket() + " not found at "
                + settings.endpointDescription(), false, "check KOPIA_S3_BUCKET / the bucket in the repository URL",
                cause);
    }

    private StorageException translateIo(IOException io, String what, SdkException e) {
        if (io instanceof ConnectException || io instanceof UnknownHostException
                || io instanceof NoRouteToHostException) {
            return new StorageException(Reason.UNAVAILABLE, "cannot reach S3 endpoint " + settings.endpointDescription()
                    + " for " + settings.url() + " (" + io.getClass().getSimpleName() + ")", true,
                    "check KOPIA_S3_ENDPOINT/AWS_S3_ENDPOINT, DNS and network policies", e);
        }
        if (io instanceof SocketTimeoutException || io instanceof InterruptedIOException) {
            return new StorageException(Reason.UNAVAILABLE, what + " timed out at " + settings.endpointDescription(),
                    true, null, e);
        }
        return new StorageException(Reason.UNAVAILABLE, what + " failed with an I/O error ("
                + io.getClass().getSimpleName() + ")", true, null, e);
    }

    static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }

    private static Optional<IOException> ioCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return Optional.of(io);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }
}
