package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The mock API server stays responsive while watches close on a pod that keeps changing. With fabric8's plain
 * {@code KubernetesMixedDispatcher} this fails within a few dozen rounds: a server event loop blocks for 30 s and a
 * request on it times out.
 */
class SilentWatchDispatcherTest {
    private static final PatchContext MERGE = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build();

    private final MockCluster cluster = new MockCluster();
    private final KubernetesClient client = cluster.client();

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void watchesClosedWhileThePodChangesLeaveEveryRequestAnswered() throws Exception {
        client.pods().inNamespace("default").resource(pod("busy")).create();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> churnFailure = new AtomicReference<>();
        Thread churn = Thread.ofPlatform().name("pod-churn").start(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    client.pods().inNamespace("default").withName("busy")
                            .patch(MERGE, "{\"metadata\":{\"labels\":{\"n\":\"" + i + "\"}}}");
                }
            } catch (RuntimeException e) {
                churnFailure.set(e);
            }
        });
        try {
            for (int i = 0; i < 40; i++) {
                Watch watch = client.pods().inNamespace("default").withName("busy").watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod resource) {
                        // none are sent
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // closed by the test
                    }
                });
                watch.close();
                // a blocked server event loop leaves this unanswered: fabric8 gives up after its 10 s request timeout
                assertThat(client.pods().inNamespace("default").withName("busy").get()).as("round %d", i).isNotNull();
            }
        } finally {
            stop.set(true);
            churn.join();
        }
        assertThat(churnFailure.get()).isNull();
        assertThat(cluster.takeRequests()).anyMatch(r -> r.startsWith("GET /api/v1/namespaces/default/pods?")
                && SilentWatchDispatcher.isWatch(r.substring("GET ".length())));
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("kopia").withImage("kopia").endContainer().endSpec()
                .build();
    }
}
