package dev.rewind.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code cluster:} section of the server configuration: where to find the Kubernetes API server and what to do
 * with what is found there. With it, the server checks every app with a ReplicationSource (its Kopia source, with
 * the RPO its schedule implies) and every CNPG cluster whose Barman Cloud plugin names an ObjectStore, re-discovered
 * every {@link #interval()}. Without it the server runs with no cluster at all, on its configured targets.
 *
 * @param kubeconfig   a kubeconfig file; empty: {@code KUBECONFIG}, {@code ~/.kube/config}, else the pod's service
 *                     account (in-cluster)
 * @param context      a kubeconfig context; empty: the current one
 * @param namespaces   the namespaces to look in; empty: all namespaces
 * @param interval     how often the cluster is listed again (new apps get schedules, removed ones disappear)
 * @param quickVerify  schedule of the quick verify of every discovered app; empty: none
 * @param deepVerify   schedule and sample percentage of the deep verify of every discovered app; empty: none
 * @param barmanVerify schedule of the verification of every discovered Barman archive; empty: none
 * @param backup       backup triggers (off unless configured; need the opt-in write RBAC of docs/deploy)
 */
public record ClusterDiscovery(Optional<Path> kubeconfig, Optional<String> context, List<String> namespaces,
                               Duration interval, Optional<Schedule> quickVerify, Optional<Schedule> deepVerify,
                               Optional<Schedule> barmanVerify, Optional<BackupTriggers> backup) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
    public static final Schedule DEFAULT_QUICK_VERIFY = new Schedule("0 0/15 * * * ?", 0);
    public static final Schedule DEFAULT_DEEP_VERIFY = new Schedule("0 0 3 * * ?", 10);
    public static final Schedule DEFAULT_BARMAN_VERIFY = new Schedule("0 0/30 * * * ?", 0);

    public ClusterDiscovery {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(context, "context");
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw ServerConfig.invalid("cluster.discoveryInterval", "must be positive, got " + interval);
        }
        Objects.requireNonNull(quickVerify, "quickVerify");
        Objects.requireNonNull(deepVerify, "deepVerify");
        Objects.requireNonNull(barmanVerify, "barmanVerify");
        Objects.requireNonNull(backup, "backup");
    }

    /** The defaults: kubectl's lookup, all namespaces, every 10 minutes, default schedules, no backup triggers. */
    public static ClusterDiscovery defaults() {
        return new ClusterDiscovery(Optional.empty(), Optional.empty(), List.of(), DEFAULT_INTERVAL,
                Optional.of(DEFAULT_QUICK_VERIFY), Optional.of(DEFAULT_DEEP_VERIFY),
                Optional.of(DEFAULT_BARMAN_VERIFY), Optional.empty());
    }

    public ClusterDiscovery withInterval(Duration value) {
        return new ClusterDiscovery(kubeconfig, context, namespaces, value, quickVerify, deepVerify, barmanVerify,
                backup);
    }

    public ClusterDiscovery withNamespaces(List<String> value) {
        return new ClusterDiscovery(kubeconfig, context, value, interval, quickVerify, deepVerify, barmanVerify,
                backup);
    }

    public ClusterDiscovery withSchedules(Optional<Schedule> quick, Optional<Schedule> deep,
                                          Optional<Schedule> barman) {
        return new ClusterDiscovery(kubeconfig, context, namespaces, interval, quick, deep, barman, backup);
    }

    public ClusterDiscovery withBackup(Optional<BackupTriggers> value) {
        return new ClusterDiscovery(kubeconfig, context, namespaces, interval, quickVerify, deepVerify, barmanVerify,
                value);
    }

    /**
     * Scheduled backups through Volsync manual triggers ({@code rewind backup}): every selected app is backed up on
     * {@code schedule} and the new snapshot confirmed in its repository.
     *
     * @param schedule when
     * @param apps     {@code namespace/name} or {@code name} of the apps to back up; empty: every discovered app
     */
    public record BackupTriggers(Schedule schedule, Set<String> apps) {
        public BackupTriggers {
            Objects.requireNonNull(schedule, "schedule");
            apps = Set.copyOf(apps);
        }

        /** Whether the app {@code namespace/name} is selected. */
        public boolean selects(String namespace, String name) {
            return apps.isEmpty() || apps.contains(name) || apps.contains(namespace + "/" + name);
        }
    }
}
