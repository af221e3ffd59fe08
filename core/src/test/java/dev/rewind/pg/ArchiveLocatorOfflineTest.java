package dev.rewind.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.barman.BarmanPolicy;
import dev.rewind.barman.BarmanReport;
import dev.rewind.barman.BarmanVerifier;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.RepositoryLocation;
import dev.rewind.storage.s3.S3Credentials;
import dev.rewind.storage.s3.S3ProxyServer;
import dev.rewind.storage.s3.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --archive URL --server-name N}: S3 with options and AWS_* fallbacks, file:// mirrors, bad input. */
class ArchiveLocatorOfflineTest {
    private static final Clock AFTER_ARCHIVE = Clock.fixed(RealArchiveFixture.LATEST.plusSeconds(60), ZoneOffset.UTC);

    private static S3Settings s3(ArchiveLocation location) {
        return ((RepositoryLocation.S3) location.storage()).settings();
    }

    @Test
    void s3UrlWithOptionsWinsOverEnvironment() {
        ArchiveLocation location = ArchiveLocator.offline("s3://postgres-backups/cnpg/", "postgres",
                new S3Options(Optional.of("http://garage.storage:3900"), Optional.of("garage")),
                Map.of("AWS_ENDPOINT_URL", "http://other:9000", "AWS_REGION", "eu-west-1",
                        "AWS_ACCESS_KEY_ID", "AK", "AWS_SECRET_ACCESS_KEY", "SK"));
        S3Settings s3 = s3(location);
        assertThat(s3.bucket()).isEqualTo("postgres-backups");
        assertThat(location.prefix()).isEqualTo("cnpg/");
        assertThat(s3.endpoint()).contains(URI.create("http://garage.storage:3900"));
        assertThat(s3.pathStyle()).isTrue();
        assertThat(s3.region()).isEqualTo("garage");
        assertThat(s3.credentials()).isEqualTo(new S3Credentials.Static("AK", "SK"));
        assertThat(location.serverName()).isEqualTo("postgres");
    }

    @Test
    void environmentFillsTheGaps() {
        S3Settings s3 = s3(ArchiveLocator.offline("s3://postgres-backups", "postgres", S3Options.none(),
                Map.of("AWS_ENDPOINT_URL_S3", "https://s3.example.test", "AWS_DEFAULT_REGION", "garage")));
        assertThat(s3.endpoint()).contains(URI.create("https://s3.example.test"));
        assertThat(s3.region()).isEqualTo("garage");
        assertThat(s3.credentials()).isInstanceOf(S3Credentials.DefaultChain.class);
        S3Settings aws = s3(ArchiveLocator.offline("s3://postgres-backups", "postgres", S3Options.none(), Map.of()));
        assertThat(aws.endpoint()).isEmpty();
        assertThat(aws.region()).isEqualTo("us-east-1");
    }

    @Test
    void badInputIsInvalidInputNamingIt() {
        assertThatThrownBy(() -> ArchiveLocator.offline("postgres-backups", "postgres", S3Options.none(), Map.of()))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("postgres-backups").contains("--archive");
                });
        assertThatThrownBy(() -> ArchiveLocator.offline("s3://b-ok", "a/b", S3Options.none(), Map.of()))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("--server-name 'a/b'");
                });
        assertThatThrownBy(() -> ArchiveLocator.offline("s3://postgres-backups", "pg",
                new S3Options(Optional.of("garage.storage:3900"), Optional.empty()), Map.of()))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("garage.storage:3900");
                });
    }

    @Test
    void fileMirrorOfARealArchiveVerifies(@TempDir Path tmp) {
        RealArchiveFixture.writeTo(tmp, "postgres");
        ArchiveLocation location = ArchiveLocator.offline(tmp.toUri().toString(), "postgres", S3Options.none(),
                Map.of());
        try (BlobStore store = BlobStoreFactory.openBackend(location.storage())) {
            BarmanReport report = new BarmanVerifier(BarmanPolicy.defaults(), AFTER_ARCHIVE)
                    .verify(location.server(store));
            assertThat(report.window()).hasValueSatisfying(w -> {
                assertThat(w.earliestAt()).isEqualTo(RealArchiveFixture.EARLIEST);
                assertThat(w.latestAt()).isEqualTo(RealArchiveFixture.LATEST);
            });
        }
    }

    @Test
    void s3ArchiveInsideTheJvmVerifiesAndWrongKeysAreUnavailable() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("postgres-backups");
            RealArchiveFixture.objects("postgres").forEach((key, object) ->
                    s3.put("postgres-backups", "cnpg/" + key, object.bytes()));
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
            S3Options options = new S3Options(Optional.of(s3.endpoint().toString()), Optional.empty());
            ArchiveLocation location = ArchiveLocator.offline("s3://postgres-backups/cnpg", "postgres", options, env);
            try (BlobStore store = BlobStoreFactory.openBackend(location.storage())) {
                assertThat(location.server(store).backups()).extracting(b -> b.id().value())
                        .containsExactly(RealArchiveFixture.FIRST_BACKUP, RealArchiveFixture.SECOND_BACKUP);
            }
            ArchiveLocation wrong = ArchiveLocator.offline("s3://postgres-backups/cnpg", "postgres", options,
                    Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", "wrong-secret"));
            try (BlobStore store = BlobStoreFactory.openBackend(wrong.storage())) {
                assertThatThrownBy(() -> wrong.server(store)).isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).doesNotContain("wrong-secret");
                });
            }
        }
    }
}
