package dev.rewind.server;

import dev.rewind.app.AppDiscovery;
import dev.rewind.app.ClusterReader;
import dev.rewind.app.DiscoveredApp;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cnpg.Cluster;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.ArchiveLocation;
import dev.rewind.pg.ArchiveLocator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the cluster once and turns what it finds into targets: every app with a ReplicationSource
 * ({@link AppDiscovery}, a fixed number of LISTs however many apps) and every CNPG Cluster whose Barman Cloud plugin
 * names an ObjectStore ({@link ArchiveLocator}). Targets are named {@code <namespace>.<name>}.
 *
 * <p>What cannot become a target is a problem line, not a failure: an app whose Secret is missing or invalid, a
 * cluster whose ObjectStore or Secret is missing, a name that clashes with a configured target or is not a valid
 * {@link TargetName}, Volsync or CNPG not installed (their kinds answer 404). Only an unreachable API server (or
 * any other failure of the listing itself) throws, so that the caller keeps the last known targets.
 * Thread-safe if the reader is.
 */
final class TargetDiscovery {
    private final ClusterReader reader;
    private final ClusterDiscovery config;
    private final Set<TargetName> reserved;

    /**
     * @param reserved the names of configured targets, which discovered ones must not take
     */
    TargetDiscovery(ClusterReader reader, ClusterDiscovery config, Set<TargetName> reserved) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.config = Objects.requireNonNull(config, "config");
        this.reserved = Set.copyOf(reserved);
    }

    /**
     * @throws RewindException UNAVAILABLE (API server unreachable, RBAC) or any other failure of a listing
     */
    DiscoveredTargets discover() {
        List<NamespaceScope> scopes = config.namespaces().isEmpty() ? List.of(NamespaceScope.all())
                : config.namespaces().stream().map(NamespaceScope::of).toList();
        List<String> problems = new ArrayList<>();
        Set<TargetName> taken = new HashSet<>(reserved);
        List<AppTarget> apps = new ArrayList<>();
        AppDiscovery discovery = new AppDiscovery(reader);
        for (NamespaceScope scope : scopes) {
            for (DiscoveredApp found : notInstalled(() -> discovery.findAll(scope), "ReplicationSources", problems)) {
                Optional<TargetName> name = name(found.namespace(), found.name(), "app", taken, problems);
                if (name.isEmpty()) {
                    continue;
                }
                switch (found) {
                    case DiscoveredApp.Resolved resolved -> apps.add(new AppTarget(name.get(), resolved.app(),
                            config.quickVerify(), config.deepVerify(),
                            config.backup().filter(b -> b.selects(found.namespace(), found.name()))
                                    .map(ClusterDiscovery.BackupTriggers::schedule)));
                    case DiscoveredApp.Unresolved unresolved -> problems.add("app " + found.namespace() + "/"
                            + found.name() + ": " + oneLine(unresolved.problem()));
                }
            }
        }
        List<ClusterArchiveTarget> archives = new ArrayList<>();
        ArchiveLocator locator = new ArchiveLocator(reader);
        for (NamespaceScope scope : scopes) {
            for (Cluster cluster : notInstalled(() -> reader.listPostgresClusters(scope), "CNPG Clusters", problems)) {
                if (cluster.objectStoreName().isEmpty()) {
                    continue; // no plugin-based Barman archive: nothing of ours to verify
                }
                String who = cluster.namespace() + "/" + cluster.name();
                ArchiveLocation location;
                try {
                    location = locator.locate(cluster.namespace(), cluster.name());
                } catch (RewindException e) {
                    if (e.reason() == Reason.UNAVAILABLE) {
                        throw e;
                    }
                    problems.add("archive of Cluster " + who + ": " + oneLine(e));
                    continue;
                }
                name(cluster.namespace(), cluster.name(), "archive", taken, problems).ifPresent(name -> archives.add(
                        new ClusterArchiveTarget(name, cluster.namespace(), cluster.name(), location,
                                config.barmanVerify())));
            }
        }
        apps.sort(Comparator.comparing(AppTarget::name));
        archives.sort(Comparator.comparing(ClusterArchiveTarget::name));
        return new DiscoveredTargets(apps, archives, problems);
    }

    private static Optional<TargetName> name(String namespace, String name, String what, Set<TargetName> taken,
                                             List<String> problems) {
        String value = namespace + "." + name;
        if (!TargetName.isValid(value)) {
            problems.add(what + " " + namespace + "/" + name + ": target name \"" + value + "\" is longer than 63"
                    + " characters or not lower-case");
            return Optional.empty();
        }
        TargetName target = new TargetName(value);
        if (!taken.add(target)) {
            problems.add(what + " " + namespace + "/" + name + ": target name \"" + value + "\" is already taken"
                    + " (by a configured target or an app of the same name)");
            return Optional.empty();
        }
        return Optional.of(target);
    }

    /** The listing, or nothing (and a problem) when the API server does not know the kind (404). */
    private static <T> List<T> notInstalled(java.util.function.Supplier<List<T>> listing, String what,
                                            List<String> problems) {
        try {
            return listing.get();
        } catch (RewindException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                throw e;
            }
            problems.add(what + ": " + oneLine(e));
            return List.of();
        }
    }

    private static String oneLine(RewindException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
