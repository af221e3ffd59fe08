package dev.rewind.kube;

import static dev.rewind.kube.CnpgFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.barman.BarmanPolicy;
import dev.rewind.barman.BarmanReport;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.ArchiveLocator;
import dev.rewind.pg.PgArchives;
import dev.rewind.pg.PgRestore;
import dev.rewind.pg.Poller;
import dev.rewind.pg.RealArchiveFixture;
import dev.rewind.pg.RecoveryPlan;
import dev.rewind.pg.RecoveryRequest;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.ManualClock;
import dev.rewind.storage.RetryPolicy;
import dev.rewind.storage.s3.S3ProxyServer;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole chain with the reference cluster's objects: Cluster → ObjectStore (endpoint pointed at an in-JVM S3
 * holding a real barman-cloud archive) → Secret → S3 → verify → recovery plan.
 */
class PgRestoreEndToEndTest {
    private MockCluster cluster;
    private Fabric8ClusterReader reader;
    private S3ProxyServer s3;
    private ManualClock clock;
    private BlobStoreFactory factory;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new MockCluster();
        new ReferenceCluster(cluster).postgresCluster();
        CnpgFixtures.secret(cluster, CnpgFixtures.CREDENTIALS, Map.of("ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
        reader = cluster.reader();
        s3 = S3ProxyServer.start();
        s3.createBucket("postgres-backups");
        RealArchiveFixture.objects("postgres").forEach((key, object) -> s3.put("postgres-backups", key,
                object.bytes()));
        CnpgFixtures.patchSpec(cluster, ResourceKind.OBJECT_STORE, "postgres-s3-backup", Map.of("configuration",
                Map.of("destinationPath", "s3://postgres-backups", "endpointURL", s3.endpoint().toString(),
                        "s3Credentials", Map.of(
                                "accessKeyId", Map.of("name", CnpgFixtures.CREDENTIALS, "key", "ACCESS_KEY_ID"),
                                "secretAccessKey", Map.of("name", CnpgFixtures.CREDENTIALS, "key", "SECRET_ACCESS_KEY")),
                        "wal", Map.of("compression", "gzip"))));
        // upload times are s3proxy's; the test clock starts just after the newest one
        java.time.Instant newest = s3.admin().listObjectsV2(b -> b.bucket("postgres-backups")).contents().stream()
                .map(o -> o.lastModified()).max(java.util.Comparator.naturalOrder()).orElseThrow();
        clock = new ManualClock(newest.plusSeconds(5));
        factory = new BlobStoreFactory(RetryPolicy.DEFAULT, clock, d -> clock.advance(d), RandomGenerator.of("L64X128MixRandom"));
    }

    @AfterEach
    void tearDown() {
        reader.close();
        cluster.close();
        s3.close();
    }

    @Test
    void clusterArchiveIsVerifiedAndPlannedOverS3() {
        BarmanReport report = new PgArchives(factory, BarmanPolicy.defaults(), clock)
                .verify(new ArchiveLocator(reader).locate(NS, "postgres"));
        assertThat(report.server()).isEqualTo("postgres");
        assertThat(report.backups()).hasSize(2).allSatisfy(v -> assertThat(v.restorable()).isTrue());
        var window = report.window().orElseThrow();

        var pgRestore = new PgRestore(reader, new Fabric8PostgresControl(reader), factory, BarmanPolicy.defaults(),
                new Poller(clock, d -> clock.advance(d)));
        RecoveryPlan plan = pgRestore.plan(NS, "postgres", new RecoveryRequest(window.latestAt().toString(),
                java.util.Optional.of("postgres-pitr"), 1));
        assertThat(plan.evidence().backupId().value()).isEqualTo(RealArchiveFixture.SECOND_BACKUP);
        assertThat(plan.spec().newServerName()).isEqualTo("postgres-pitr");
        assertThat(plan.spec().objectStoreName()).isEqualTo("postgres-s3-backup");
    }

    @Test
    void wrongCredentialsInTheSecretAreUnavailable() {
        cluster.client().secrets().inNamespace(NS).withName(CnpgFixtures.CREDENTIALS).delete();
        CnpgFixtures.secret(cluster, CnpgFixtures.CREDENTIALS, Map.of("ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "SECRET_ACCESS_KEY", "not-the-secret"));
        assertThatThrownBy(() -> new PgArchives(factory, BarmanPolicy.defaults(), clock)
                .verify(new ArchiveLocator(reader).locate(NS, "postgres")))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).doesNotContain("not-the-secret");
                });
    }
}
