package dev.rewind.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one discovery found in the cluster: apps and Barman archives, sorted by name, plus what could not be turned
 * into a target (an app whose Secret is missing, a cluster whose ObjectStore is gone, a name clash), one line each.
 */
public record DiscoveredTargets(List<AppTarget> apps, List<ClusterArchiveTarget> archives, List<String> problems) {
    public static final DiscoveredTargets NONE = new DiscoveredTargets(List.of(), List.of(), List.of());

    public DiscoveredTargets {
        apps = List.copyOf(apps);
        archives = List.copyOf(archives);
        problems = List.copyOf(problems);
    }

    public Optional<AppTarget> findApp(TargetName name) {
        return apps.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<ClusterArchiveTarget> findArchive(TargetName name) {
        return archives.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The kinds of check that apply to a discovered target. */
    List<CheckKind> kindsOf(TargetName name) {
        Optional<AppTarget> app = findApp(name);
        if (app.isPresent()) {
            return app.get().backup().isPresent()
                    ? List.of(CheckKind.QUICK_VERIFY, CheckKind.DEEP_VERIFY, CheckKind.BACKUP)
                    : List.of(CheckKind.QUICK_VERIFY, CheckKind.DEEP_VERIFY);
        }
        return findArchive(name).isPresent() ? List.of(CheckKind.BARMAN_VERIFY) : List.of();
    }

    List<Targets.ScheduledCheck> scheduled() {
        List<Targets.ScheduledCheck> result = new ArrayList<>();
        for (AppTarget a : apps) {
            a.quickVerify().ifPresent(s -> result.add(new Targets.ScheduledCheck(a.name(), CheckKind.QUICK_VERIFY, s)));
            a.deepVerify().ifPresent(s -> result.add(new Targets.ScheduledCheck(a.name(), CheckKind.DEEP_VERIFY, s)));
            a.backup().ifPresent(s -> result.add(new Targets.ScheduledCheck(a.name(), CheckKind.BACKUP, s)));
        }
        for (ClusterArchiveTarget a : archives) {
            a.barmanVerify().ifPresent(s -> result.add(
                    new Targets.ScheduledCheck(a.name(), CheckKind.BARMAN_VERIFY, s)));
        }
        return result;
    }
}
