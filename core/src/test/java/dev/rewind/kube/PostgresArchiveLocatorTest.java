package dev.rewind.kube;

import static dev.rewind.kube.CnpgFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.ArchiveLocation;
import dev.rewind.pg.ArchiveLocator;
import dev.rewind.storage.RepositoryLocation;
import dev.rewind.storage.s3.S3Credentials;
import dev.rewind.storage.s3.S3Settings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resolving the reference cluster's archive: Cluster → plugin → ObjectStore → Secret (cnpg-barman.md §5, §7.1). */
class PostgresArchiveLocatorTest {
    private MockCluster cluster;
    private Fabric8ClusterReader reader;
    private ArchiveLocator locator;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
        CnpgFixtures.referencePostgres(cluster);
        reader = cluster.reader();
        locator = new ArchiveLocator(reader);
    }

    @AfterEach
    void tearDown() {
        reader.close();
        cluster.close();
    }

    private static S3Settings s3(ArchiveLocation location) {
        return ((RepositoryLocation.S3) location.storage()).settings();
    }

    @Test
    void referenceClusterResolvesToTheGarageBucketRoot() {
        ArchiveLocation location = locator.locate(NS, "postgres");
        assertThat(location.serverName()).isEqualTo("postgres");
        assertThat(location.prefix()).isEmpty();
        assertThat(location.objectStoreName()).contains("postgres-s3-backup");
        S3Settings s3 = s3(location);
        assertThat(s3.bucket()).isEqualTo("postgres-backups");
        assertThat(s3.prefix()).isEmpty();
        assertThat(s3.endpoint()).contains(URI.create("http://garage.storage:3900"));
        assertThat(s3.pathStyle()).isTrue();
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.credentials()).isEqualTo(new S3Credentials.Static(CnpgFixtures.TEST_ACCESS_KEY,
                CnpgFixtures.TEST_SECRET_KEY));
        assertThat(location.describe()).isEqualTo("server postgres in s3://postgres-backups/ at "
                + "http://garage.storage:3900").doesNotContain(CnpgFixtures.TEST_SECRET_KEY);
        assertThat(location.toString()).doesNotContain(CnpgFixtures.TEST_SECRET_KEY);
    }

    @Test
    void explicitServerNamePrefixAndRegionAreHonoured() {
        CnpgFixtures.patchSpec(cluster, ResourceKind.POSTGRES_CLUSTER, "postgres", Map.of("plugins", List.of(Map.of(
                "name", "barman-cloud.cloudnative-pg.io", "isWALArchiver", true,
                "parameters", Map.of("barmanObjectName", "postgres-s3-backup", "serverName", "postgres-r1")))));
        CnpgFixtures.patchSpec(cluster, ResourceKind.OBJECT_STORE, "postgres-s3-backup", Map.of("configuration",
                Map.of("destinationPath", "s3://postgres-backups/cnpg/prod", "endpointURL", "http://garage.storage:3900",
                        "s3Credentials", Map.of(
                                "accessKeyId", Map.of("name", CnpgFixtures.CREDENTIALS, "key", "ACCESS_KEY_ID"),
                                "secretAccessKey", Map.of("name", CnpgFixtures.CREDENTIALS, "key", "SECRET_ACCESS_KEY"),
                                "region", Map.of("name", "garage-region", "key", "REGION")))));
        CnpgFixtures.secret(cluster, "garage-region", Map.of("REGION", "garage"));
        ArchiveLocation location = locator.locate(NS, "postgres");
        assertThat(location.serverName()).isEqualTo("postgres-r1");
        assertThat(location.prefix()).isEqualTo("cnpg/prod/");
        assertThat(s3(location).region()).isEqualTo("garage");
    }

    @Test
    void iamRoleUsesTheDefaultCredentialChain() {
        CnpgFixtures.patchSpec(cluster, ResourceKind.OBJECT_STORE, "postgres-s3-backup", Map.of("configuration",
                Map.of("destinationPath", "s3://postgres-backups", "s3Credentials", Map.of("inheritFromIAMRole", true))));
        S3Settings s3 = s3(locator.locate(NS, "postgres"));
        assertThat(s3.credentials()).isInstanceOf(S3Credentials.DefaultChain.class);
        assertThat(s3.endpoint()).isEmpty();
    }

    @Test
    void missingClusterIsNotFound() {
        assertThatThrownBy(() -> locator.locate(NS, "nope")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.getMessage()).contains("Cluster postgresql-system/nope");
        });
    }

    @Test
    void clusterWithoutThePluginIsInvalidInputNamingIt() {
        CnpgFixtures.patchSpec(cluster, ResourceKind.POSTGRES_CLUSTER, "postgres", java.util.Collections.singletonMap(
                "plugins", null));
        assertThatThrownBy(() -> locator.locate(NS, "postgres")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("Cluster postgresql-system/postgres")
                    .contains("barman-cloud.cloudnative-pg.io").contains("spec.plugins");
        });
    }

    @Test
    void pluginWithoutObjectNameIsInvalidInput() {
        CnpgFixtures.patchSpec(cluster, ResourceKind.POSTGRES_CLUSTER, "postgres", Map.of("plugins", List.of(Map.of(
                "name", "barman-cloud.cloudnative-pg.io", "parameters", Map.of("serverName", "x")))));
        assertThatThrownBy(() -> locator.locate(NS, "postgres")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("barmanObjectName");
        });
    }

    @Test
    void missingObjectStoreIsNotFoundNamingIt() {
        cluster.client().genericKubernetesResources(ResourceKind.OBJECT_STORE.context()).inNamespace(NS)
                .withName("postgres-s3-backup").delete();
        assertThatThrownBy(() -> locator.locate(NS, "postgres")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.getMessage()).contains("ObjectStore postgresql-system/postgres-s3-backup")
                    .contains("barmanObjectName of Cluster postgresql-system/postgres");
        });
    }

    @Test
    void missingSecretIsNotFoundNamingIt() {
        cluster.client().secrets().inNamespace(NS).withName(CnpgFixtures.CREDENTIALS).delete();
        assertThatThrownBy(() -> locator.locate(NS, "postgres")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.getMessage()).contains("Secret postgresql-system/postgres-backup-credentials")
                    .contains("s3Credentials.accessKeyId");
        });
    }

    @Test
    void secretWithoutTheKeyIsInvalidInputNamingTheKeyButNoValue() {
        cluster.client().secrets().inNamespace(NS).withName(CnpgFixtures.CREDENTIALS).delete();
        CnpgFixtures.secret(cluster, CnpgFixtures.CREDENTIALS, Map.of("ACCESS_KEY_ID", CnpgFixtures.TEST_ACCESS_KEY,
                "SECRET_KEY", CnpgFixtures.TEST_SECRET_KEY));
        assertThatThrownBy(() -> locator.locate(NS, "postgres")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("has no key SECRET_ACCESS_KEY")
                    .contains("s3Credentials.secretAccessKey").doesNotContain(CnpgFixtures.TEST_SECRET_KEY);
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("SECRET_KEY")
                    .doesNotContain(CnpgFixtures.TEST_SECRET_KEY));
        });
    }

    @Test
    void objectStoreWithoutCredentialsIsInvalidInput() {
        CnpgFixtures.patchSpec(cluster, ResourceKind.OBJECT_STORE, "postgres-s3-backup", Map.of("configuration",
                Map.of("destinationPath", "s3://postgres-backups")));
        assertThatThrownBy(() -> locator.locate(NS, "postgres")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("ObjectStore postgresql-system/postgres-s3-backup")
                    .contains("s3Credentials.accessKeyId");
        });
    }

    @Test
    void azureDestinationIsUnsupported() {
        CnpgFixtures.patchSpec(cluster, ResourceKind.OBJECT_STORE, "postgres-s3-backup", Map.of("configuration",
                Map.of("destinationPath", "azure://container/path")));
        assertThatThrownBy(() -> locator.locate(NS, "postgres")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED);
            assertThat(e.getMessage()).contains("azure://container/path");
        });
    }

    @Test
    void unusedOptionalIsEmptyForUrlLocations() {
        assertThat(ArchiveLocator.offline("s3://postgres-backups", "postgres", dev.rewind.pg.S3Options.none(),
                Map.of()).objectStoreName()).isEqualTo(Optional.empty());
    }
}
