package dev.rewind.restore.wholeapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceHostTest {

    @Test
    void findsShortAndQualifiedServiceNamesAndResolvesTheNamespace() {
        assertThat(ServiceHost.scan("postgres-rw.postgresql-system.svc.cluster.local", "default"))
                .containsExactly(new ServiceHost("postgres-rw.postgresql-system.svc.cluster.local", "postgres-rw",
                        "postgresql-system"));
        assertThat(ServiceHost.scan("postgres-ro", "apps")).singleElement()
                .satisfies(h -> {
                    assertThat(h.namespace()).isEqualTo("apps");
                    assertThat(h.clusterOfRoleService()).contains("postgres");
                });
        assertThat(ServiceHost.scan("pg-r.db.svc", "x")).singleElement()
                .satisfies(h -> assertThat(h.clusterOfRoleService()).contains("pg"));
    }

    @Test
    void findsTheHostInsideAUrlAndIgnoresForeignDomains() {
        assertThat(ServiceHost.scan("postgresql://user:pw@postgres-rw.db.svc:5432/app", "default"))
                .extracting(ServiceHost::text).contains("postgres-rw.db.svc");
        assertThat(ServiceHost.scan("postgres-rw.example.com", "default")).isEmpty();
        assertThat(ServiceHost.scan("postgres-rw.db.svc.cluster.local", "default")).singleElement()
                .satisfies(h -> assertThat(h.withService("new-rw")).isEqualTo("new-rw.db.svc.cluster.local"));
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
