package dev.rewind.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.RepositoryLocation.Filesystem.Layout;
import dev.rewind.storage.s3.S3Credentials;
import dev.rewind.storage.s3.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing what a Volsync repository Secret holds (volsync.md §3). */
class RepositoryLocationTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static S3Settings s3(RepositoryLocation location) {
        assertThat(location).isInstanceOf(RepositoryLocation.S3.class);
        return ((RepositoryLocation.S3) location).settings();
    }

    @Test
    void parsesAGarageSecretLikeTheKopiaMoverDoes() {
        var secret = Map.of(
                "KOPIA_REPOSITORY", "s3://volsync/cluster-a",
                "KOPIA_PASSWORD", "hunter2",
                "KOPIA_S3_ENDPOINT", "garage.storage.svc.cluster.local:3900",
                "KOPIA_S3_DISABLE_TLS", "true",
                "AWS_ACCESS_KEY_ID", "GK0123456789",
                "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_REGION", "garage");

        S3Settings s = s3(RepositoryLocation.fromVolsyncSecret(secret));

        assertThat(s.bucket()).isEqualTo("volsync");
        assertThat(s.prefix()).isEqualTo("cluster-a/");
        assertThat(s.endpoint()).contains(URI.create("http://garage.storage.svc.cluster.local:3900"));
        assertThat(s.pathStyle()).isTrue();
        assertThat(s.region()).isEqualTo("garage");
        assertThat(s.credentials()).isEqualTo(new S3Credentials.Static("GK0123456789", SECRET, Optional.empty()));
    }

    @Test
    void anHttpSchemeAloneDoesNotDisableTls() {
        S3Settings s = s3(RepositoryLocation.parse("s3://bucket", Map.of("AWS_S3_ENDPOINT", "http://minio:9000/")));

        assertThat(s.endpoint()).contains(URI.create("https://minio:9000"));
        assertThat(s.prefix()).isEmpty();
    }

    @Test
    void awsS3DisableTlsAlsoWorksAndKopiaEndpointWins() {
        S3Settings s = s3(RepositoryLocation.parse("s3://bucket/x", Map.of(
                "KOPIA_S3_ENDPOINT", "https://first:9000", "AWS_S3_ENDPOINT", "second:9000",
                "AWS_S3_DISABLE_TLS", "TRUE")));

        assertThat(s.endpoint()).contains(URI.create("http://first:9000"));
    }

    @Test
    void withoutEndpointItIsAwsWithVirtualHostsRegionFallbacksAndTheDefaultChain() {
        S3Settings plain = s3(RepositoryLocation.parse("s3://bucket/a", Map.of()));
        S3Settings defaultRegion = s3(RepositoryLocation.parse("s3://bucket/a", Map.of(
                "AWS_DEFAULT_REGION", "eu-west-1")));
        S3Settings awsHost = s3(RepositoryLocation.parse("s3://bucket/a", Map.of(
                "KOPIA_S3_ENDPOINT", "s3.amazonaws.com", "AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "x")));

        assertThat(plain.endpoint()).isEmpty();
        assertThat(plain.pathStyle()).isFalse();
        assertThat(plain.region()).isEqualTo("us-east-1");
        assertThat(plain.credentials()).isEqualTo(new S3Credentials.DefaultChain());
        assertThat(defaultRegion.region()).isEqualTo("eu-west-1");
        assertThat(awsHost.endpoint()).isEmpty();
        assertThat(awsHost.region()).isEqualTo("eu-central-1");
    }

    @Test
    void normalisesThePrefixLikeTheFork() {
        assertThat(s3(RepositoryLocation.parse("s3://b-1/a//b///c", Map.of())).prefix()).isEqualTo("a/b/c/");
        assertThat(s3(RepositoryLocation.parse("s3://b-1/a/", Map.of())).prefix()).isEqualTo("a/");
        assertThat(s3(RepositoryLocation.parse("s3://b-1/", Map.of())).prefix()).isEmpty();
        assertThat(s3(RepositoryLocation.parse("  s3://b-1/app_1.data-x  ", Map.of())).prefix())
                .isEqualTo("app_1.data-x/");
    }

    @Test
    void kopiaS3BucketWinsButTheUrlPrefixIsKept() {
        S3Settings s = s3(RepositoryLocation.parse("s3://Not_A_Bucket/prefix",
                Map.of("KOPIA_S3_BUCKET", "real-bucket")));

        assertThat(s.bucket()).isEqualTo("real-bucket");
        assertThat(s.prefix()).isEqualTo("prefix/");
    }

    @Test
    void kopiaS3BucketAloneSelectsS3() {
        S3Settings s = s3(RepositoryLocation.fromVolsyncSecret(Map.of("KOPIA_S3_BUCKET", "backups",
                "KOPIA_PASSWORD", "x")));

        assertThat(s.bucket()).isEqualTo("backups");
        assertThat(s.prefix()).isEmpty();
        assertThat(s3(RepositoryLocation.parse("filesystem:///repository", Map.of("KOPIA_S3_BUCKET", "backups")))
                .bucket()).isEqualTo("backups");
    }

    @Test
    void sessionTokenIsCarried() {
        S3Settings s = s3(RepositoryLocation.parse("s3://bucket", Map.of("AWS_ACCESS_KEY_ID", "ASIA1",
                "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", "token-value")));

        assertThat(s.credentials()).isEqualTo(new S3Credentials.Static("ASIA1", SECRET, Optional.of("token-value")));
    }

    @Test
    void parsesFilesystemForms() {
        assertThat(RepositoryLocation.fromVolsyncSecret(Map.of("KOPIA_REPOSITORY", "filesystem:///repository",
                "KOPIA_FS_PATH", "/repository")))
                .isEqualTo(new RepositoryLocation.Filesystem(Path.of("/repository"), Layout.KOPIA_SHARDED));
        assertThat(RepositoryLocation.parse("/mnt/repository/", Map.of()))
                .isEqualTo(new RepositoryLocation.Filesystem(Path.of("/mnt/repository"), Layout.KOPIA_SHARDED));
        assertThat(RepositoryLocation.parse("file:///srv/barman/pg", Map.of()))
                .isEqualTo(new RepositoryLocation.Filesystem(Path.of("/srv/barman/pg"), Layout.PLAIN));
        assertThat(RepositoryLocation.parse("filesystem:///repository", Map.of()).describe())
                .isEqualTo("filesystem:///repository");
        assertThat(RepositoryLocation.parse("file:///srv/barman", Map.of()).describe())
                .isEqualTo("file:///srv/barman");
    }

    @Test
    void malformedUrlsAreInvalidInputNamingTheUrlWithAHint() {
        for (String url : new String[] {"s3://", "s3://UPPER/x", "s3://ab", "s3://bucket/pre fix", "s3://bucket/a/../b",
                "filesystem://relative/path", "filesystem:///a/../etc", "file://x", "repository", "https://x/y",
                "gs://bucket"}) {
            var e = catchThrowableOfType(RewindException.class, () -> RepositoryLocation.parse(url, Map.of()));

            assertThat(e).as(url).isNotNull();
            assertThat(e.reason()).as(url).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).as(url).contains("'" + url + "'").doesNotContain("\n");
            assertThat(e.hint()).as(url).hasValueSatisfying(h -> assertThat(h).contains("s3://bucket[/prefix]")
                    .contains("filesystem:///abs/path"));
        }
    }

    @Test
    void emptyUrlIsInvalidInputNamingTheKey() {
        var e = catchThrowableOfType(RewindException.class, () -> RepositoryLocation.fromVolsyncSecret(Map.of()));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(e.getMessage()).contains("KOPIA_REPOSITORY");
    }

    @Test
    void halfACredentialPairIsInvalidInputNamingTheMissingKeyNotTheSecret() {
        var e = catchThrowableOfType(RewindException.class, () -> RepositoryLocation.parse("s3://bucket",
                Map.of("AWS_SECRET_ACCESS_KEY", SECRET)));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(e.getMessage()).contains("AWS_ACCESS_KEY_ID is missing").doesNotContain(SECRET);
    }

    @Test
    void badEndpointIsInvalidInputNamingTheKey() {
        var e = catchThrowableOfType(RewindException.class, () -> RepositoryLocation.parse("s3://bucket",
                Map.of("KOPIA_S3_ENDPOINT", "garage:3900/some/path")));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(e.getMessage()).contains("KOPIA_S3_ENDPOINT").contains("garage:3900/some/path");
    }

    @Test
    void otherVolsyncBackendsAreUnsupported() {
        var e = catchThrowableOfType(RewindException.class, () -> RepositoryLocation.fromVolsyncSecret(Map.of(
                "KOPIA_REPOSITORY", "azure://container", "KOPIA_AZURE_CONTAINER", "container")));

        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED);
        assertThat(e.getMessage()).contains("KOPIA_AZURE_CONTAINER");
    }

    @Test
    void describeAndToStringNeverShowSecrets() {
        var location = RepositoryLocation.fromVolsyncSecret(Map.of(
                "KOPIA_REPOSITORY", "s3://volsync/app", "KOPIA_S3_ENDPOINT", "garage:3900",
                "AWS_ACCESS_KEY_ID", "GKVISIBLE", "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", "tok3n"));

        assertThat(location.describe()).isEqualTo("s3://volsync/app/ at https://garage:3900");
        assertThat(location.toString()).contains("GKVISIBLE").doesNotContain(SECRET).doesNotContain("tok3n");
    }
}
