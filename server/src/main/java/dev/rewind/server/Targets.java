package dev.rewind.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets of a server and their scheduled checks: the configured ones in configuration order, then the ones
 * discovered in the cluster (if any).
 */
public record Targets(List<RepositoryTarget> repositories, List<ArchiveTarget> archives,
                      DiscoveredTargets discovered) {
    /** A scheduled check of one target. */
    public record ScheduledCheck(TargetName target, CheckKind kind, Schedule schedule) {
    }

    public Targets {
        repositories = List.copyOf(repositories);
        archives = List.copyOf(archives);
        java.util.Objects.requireNonNull(discovered, "discovered");
    }

    /** Configured targets only. */
    public Targets(List<RepositoryTarget> repositories, List<ArchiveTarget> archives) {
        this(repositories, archives, DiscoveredTargets.NONE);
    }

    /** These configured targets with {@code value} as the discovered ones. */
    public Targets withDiscovered(DiscoveredTargets value) {
        return new Targets(repositories, archives, value);
    }

    public static Targets of(ServerConfig config) {
        return new Targets(config.repositories(), config.archives());
    }

    public Optional<RepositoryTarget> findRepository(TargetName name) {
        return repositories.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<ArchiveTarget> findArchive(TargetName name) {
        return archives.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The kinds of check that apply to a target (whether scheduled or not). */
    public List<CheckKind> kindsOf(TargetName name) {
        if (findRepository(name).isPresent()) {
            return List.of(CheckKind.QUICK_VERIFY, CheckKind.DEEP_VERIFY);
        }
        return findArchive(name).isPresent() ? List.of(CheckKind.BARMAN_VERIFY) : discovered.kindsOf(name);
    }

    public List<ScheduledCheck> scheduled() {
        List<ScheduledCheck> result = new ArrayList<>();
        for (RepositoryTarget r : repositories) {
            r.quickVerify().ifPresent(s -> result.add(new ScheduledCheck(r.name(), CheckKind.QUICK_VERIFY, s)));
            r.deepVerify().ifPresent(s -> result.add(new ScheduledCheck(r.name(), CheckKind.DEEP_VERIFY, s)));
        }
        for (ArchiveTarget a : archives) {
            a.barmanVerify().ifPresent(s -> result.add(new ScheduledCheck(a.name(), CheckKind.BARMAN_VERIFY, s)));
        }
        result.addAll(discovered.scheduled());
        return result;
    }
}
