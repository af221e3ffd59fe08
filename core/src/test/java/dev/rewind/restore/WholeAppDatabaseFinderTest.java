package dev.rewind.restore;

import static dev.rewind.kube.WholeAppWorld.DB_NAMESPACE;
import static dev.rewind.restore.RestoreFixture.NS;
import static dev.rewind.restore.WholeAppFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.restore.wholeapp.AppRestorePlan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: rewind looks for the database host only in host-, URL- or DSN-shaped values, so a fragment of a password
 * never becomes the namespace of an API call (nor reaches a message).
 */
class WholeAppDatabaseFinderTest {

    @Test
    void issue4APasswordThatLooksLikeAHostIsNeverUsedAsANamespace() throws Exception {
        try (WholeAppFixture x = new WholeAppFixture()) {
            x.f.cluster.mockCluster().client().secrets().inNamespace(NS).withName("paperless-secret").edit(s -> {
                s.getData().put("PAPERLESS_SECRET_KEY", base64("s3cr3t.leaked-ns"));
                s.getData().put("PAPERLESS_ADMIN_PASSWORD", base64("pw x.other-ns y"));
                return s;
            });
            Set<String> listed = new LinkedHashSet<>();

            AppRestorePlan plan = x.service(env -> new InterceptingEnvironment(env, location -> { }, listed::add),
                    Duration.ofHours(1))
                    .restore(WholeAppRestoreTest.dryRun(WholeAppFixture.request(T))).plan().orElseThrow();

            assertThat(listed).containsExactly(DB_NAMESPACE);
            assertThat(plan.source().references()).extracting(r -> r.location().toString())
                    .containsExactlyInAnyOrder("Secret default/paperless-secret key PAPERLESS_DBHOST",
                            "Secret default/paperless-secret key INIT_POSTGRES_HOST");
        }
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
