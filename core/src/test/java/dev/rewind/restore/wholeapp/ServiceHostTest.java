package dev.rewind.restore.wholeapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceHostTest {

    @Test
    void findsShortAndQualifiedServiceNamesAndResolvesTheNamespace() {
        assertThat(ServiceHost.find("DB_HOST", "postgres-rw.postgresql-system.svc.cluster.local", "default"))
                .containsExactly(new ServiceHost("postgres-rw.postgresql-system.svc.cluster.local", "postgres-rw",
                        "postgresql-system"));
        assertThat(ServiceHost.find("DB_HOST", "postgres-ro", "apps")).singleElement()
                .satisfies(h -> {
                    assertThat(h.namespace()).isEqualTo("apps");
                    assertThat(h.clusterOfRoleService()).contains("postgres");
                });
        assertThat(ServiceHost.find("DB_HOST", "pg-r.db.svc", "x")).singleElement()
                .satisfies(h -> assertThat(h.clusterOfRoleService()).contains("pg"));
    }

    @Test
    void findsTheHostInsideAUrlAndIgnoresForeignDomains() {
        assertThat(ServiceHost.find("DATABASE_URL", "postgresql://user:pw@postgres-rw.db.svc:5432/app", "default"))
                .extracting(ServiceHost::text).contains("postgres-rw.db.svc");
        assertThat(ServiceHost.find("DB_HOST", "postgres-rw.example.com", "default")).isEmpty();
        assertThat(ServiceHost.find("DB_HOST", "postgres-rw.db.svc.cluster.local", "default")).singleElement()
                .satisfies(h -> assertThat(h.withService("new-rw")).isEqualTo("new-rw.db.svc.cluster.local"));
    }

    @Test
    void issue4PasswordsAndOtherValuesAreNeverTakenForHosts() {
        // a password with a dot used to become a host whose "namespace" rewind then listed Poolers/Clusters in
        assertThat(ServiceHost.find("PAPERLESS_DBPASS", "x.y", "default")).isEmpty();
        assertThat(ServiceHost.find("PAPERLESS_SECRET_KEY", "s3cr3t.prod", "default")).isEmpty();
        // free text under a host key is not tokenised: only a whole host, URL or host= string counts
        assertThat(ServiceHost.find("DB_HOST", "see postgres-rw.db for details", "default")).isEmpty();
        // the password inside a URL is skipped, even when it contains '@' or looks like a host
        assertThat(ServiceHost.find("DATABASE_URL", "postgresql://u:pa.ss@word-rw.evil@postgres-rw.db:5432/app",
                "default")).extracting(ServiceHost::text).containsExactly("postgres-rw.db");
        // a namespace part that is no DNS-1123 label never reaches an API call
        assertThat(ServiceHost.find("DB_HOST", "postgres-rw.Bad_NS", "default")).isEmpty();
        assertThat(ServiceHost.find("DB_HOST", "postgres-rw." + "n".repeat(64), "default")).isEmpty();
    }

    @Test
    void issue4OtherKeysCountOnlyPostgresUrlsAndRoleServices() {
        assertThat(ServiceHost.find("INIT", "postgres-ro.db:5432", "default")).extracting(ServiceHost::namespace)
                .containsExactly("db");
        assertThat(ServiceHost.find("CONN", "postgres://u:p@pooler.db/app", "default"))
                .extracting(ServiceHost::service).containsExactly("pooler");
        assertThat(ServiceHost.find("CONN", "pooler.db:5432", "default")).isEmpty();
        assertThat(ServiceHost.find("PGCONN", "host=pg-rw.db port=5432 password=a.b", "default"))
                .extracting(ServiceHost::text).containsExactly("pg-rw.db");
        assertThat(ServiceHost.find("DB_HOST", "my-pooler", "apps")).singleElement()
                .satisfies(h -> assertThat(h.namespace()).isEqualTo("apps"));
    }

    @Test
    void replacesOnlyTheWholeHost() {
        String url = "postgresql://u:p@postgres-rw.db:5432/app?fallback=postgres-rw.db.svc";
        assertThat(ServiceHost.replace(url, "postgres-rw.db", "new-rw.db"))
                .isEqualTo("postgresql://u:p@new-rw.db:5432/app?fallback=postgres-rw.db.svc");
        assertThat(ServiceHost.contains("postgres-rw-old.db", "postgres-rw")).isFalse();
        assertThat(ServiceHost.contains("host=postgres-rw", "postgres-rw")).isTrue();
    }

    @Test
    void theDefaultClusterNameFitsCnpgsJobNameLimit() {
        Instant t = Instant.parse("2026-11-30T16:55:00Z");
        assertThat(AppRestorePlanner.defaultName("postgres", "paperless-ngx", t))
                .isEqualTo("postgres-paperless-ngx-202611301655");
        String longName = AppRestorePlanner.defaultName("postgres-shared-cluster", "a-very-long-application-name", t);
        assertThat(longName).hasSizeLessThanOrEqualTo(AppRestorePlanner.MAX_NAME).startsWith("postgres-shared-cluster-")
                .endsWith("-202611301655").doesNotContain("--");
    }
}
