package dev.rewind.kube;

import dev.rewind.kopia.snapshot.DirectorySummary;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * Test support: a simulated kubelet for the restore drill's checker pods (pods with a container named
 * {@code check}), driven by {@link SimulatedCluster#step()}. For each such pod without a phase it looks at what the
 * mounted claim holds ({@link SimulatedCluster#content}) and "runs" the checker script: the counts are derived from
 * the restored snapshot's root directory summary in the fixture repository ({@code snapshot:<id>}), 0/0 for an empty
 * volume — so a wrong snapshot or an empty restore shows up in the counts. The log is served at the pod's log path
 * (container {@code check}); the pod ends Succeeded with exit code 0. Knobs: {@link #failing()} (the container fails:
 * phase Failed, exit 1, "Permission denied" in the log), {@link #checkCommandExits} (the check command's status).
 */
public final class SimulatedCheckers {
    private final MockCluster cluster;
    private final BiFunction<String, String, String> contents;
    private final SnapshotCatalog catalog;
    private boolean failing;
    private boolean unreadable;
    private Optional<String[]> pending = Optional.empty();
    private ToIntFunction<String> commandExit = command -> 0;
    private int checked;

    SimulatedCheckers(MockCluster cluster, BiFunction<String, String, String> contents, SnapshotCatalog catalog) {
        this.cluster = cluster;
        this.contents = contents;
        this.catalog = catalog;
    }

    /** From now on checker pods fail before printing counts. */
    public void failing() {
        failing = true;
    }

    /** From now on {@code find} cannot read a directory: the script ends with exit 3 (pipefail). */
    public void unreadable() {
        unreadable = true;
    }

    /** From now on checker pods stay Pending, their container waiting with this reason and message. */
    public void pending(String reason, String message) {
        pending = Optional.of(new String[] {reason, message});
    }

    /** The exit status the check command has, by its text (default: 0). */
    public void checkCommandExits(ToIntFunction<String> exit) {
        this.commandExit = Objects.requireNonNull(exit, "exit");
    }

    /** How many checker pods ran so far. */
    public int checked() {
        return checked;
    }

    void step() {
        for (Pod pod : cluster.client().pods().inAnyNamespace().list().getItems()) {
            boolean checker = pod.getSpec() != null && pod.getSpec().getContainers() != null
                    && pod.getSpec().getContainers().stream().anyMatch(c -> "check".equals(c.getName()));
            boolean started = pod.getStatus() != null && pod.getStatus().getPhase() != null;
            if (checker && !started && pending.isPresent()) {
                stayPending(pod, pending.get()[0], pending.get()[1]);
            } else if (checker && !started) {
                run(pod);
            }
        }
    }

    private void run(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String claim = pod.getSpec().getVolumes().stream().map(Volume::getPersistentVolumeClaim)
                .filter(Objects::nonNull).map(c -> c.getClaimName()).findFirst().orElse("");
        String content = contents.apply(ns, claim);
        Optional<String> command = pod.getSpec().getContainers().getFirst().getEnv() == null ? Optional.empty()
                : pod.getSpec().getContainers().getFirst().getEnv().stream()
                .filter(e -> e.getName().equals("CHECK_COMMAND")).map(EnvVar::getValue).findFirst();
        StringBuilder log = new StringBuilder();
        int exit = 0;
        if (failing) {
            log.append("find: ./media: Permission denied\n");
            exit = 1;
        } else if (unreadable) {
            log.append("find: ./media/private: Permission denied\n");
            exit = 3;
        } else {
            long files = 0;
            long bytes = 0;
            if (content.startsWith("snapshot:")) {
                SnapshotManifest snapshot = catalog.getSnapshot(content.substring("snapshot:".length()));
                DirectorySummary summary = snapshot.rootSummary().orElseThrow();
                files = summary.fileCount();
                bytes = summary.totalSizeBytes();
            } else if (!content.isEmpty()) {
                files = 7;          // the app's own data: anything but a snapshot
                bytes = 4096;
            }
            log.append("rewind-drill files=").append(files).append('\n');
            log.append("rewind-drill bytes=").append(bytes).append('\n');
            if (command.isPresent()) {
                int status = commandExit.applyAsInt(command.get());
                log.append(status == 0 ? "ok\n" : "check failed: " + command.get() + "\n");
                log.append("rewind-drill check-exit=").append(status).append('\n');
            }
        }
        cluster.server().expect().get()
                .withPath("/api/v1/namespaces/" + ns + "/pods/" + name + "/log?pretty=false&container=check")
                .andReturn(200, log.toString()).always();
        pod.setStatus(new PodStatusBuilder().withPhase(exit == 0 ? "Succeeded" : "Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName("check")
                        .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exit)
                                .withReason(exit == 0 ? "Completed" : "Error").endTerminated().build())
                        .build())
                .build());
        cluster.client().pods().inNamespace(ns).resource(pod).updateStatus();
        checked++;
    }

    private void stayPending(Pod pod, String reason, String message) {
        pod.setStatus(new PodStatusBuilder().withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder().withName("check")
                        .withState(new ContainerStateBuilder().withNewWaiting().withReason(reason)
                                .withMessage(message).endWaiting().build())
                        .build())
                .build());
        cluster.client().pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
    }
}
