package dev.rewind.restore;

import dev.rewind.app.App;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotEligibility;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.volsync.KopiaIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * LIST_SNAPSHOTS (volsync.md §8.1 step 2), shared by the restore and the restore drill: resolves a
 * {@link SnapshotSelector} against the app's repository itself and proves that Volsync can pin the result by its exact
 * start time ({@code restoreAsOf = startTime}, {@code previous 0}, {@link MoverSelection}).
 *
 * <p>Refusals: no snapshot of the app's identity, or none matching the selector → NOT_FOUND (listing the identities
 * that do exist); an instant in the future, an incomplete snapshot, an empty snapshot without {@code allowEmpty}, a
 * snapshot of another source, or a snapshot Volsync cannot pin by its start time → INVALID_INPUT. Reads only.
 * Thread-safe if its ports are.
 */
public final class SnapshotPinner {
    private final SnapshotCatalogs catalogs;
    private final Clock clock;

    public SnapshotPinner(SnapshotCatalogs catalogs, Clock clock) {
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Opens the app's repository (see {@link SnapshotCatalogs#catalogOf}). */
    public SnapshotCatalog catalogOf(App app) {
        return catalogs.catalogOf(app);
    }

    /** The app's complete snapshots, oldest first; NOT_FOUND when the repository has none of the app's identity. */
    public List<SnapshotManifest> completeSnapshots(SnapshotCatalog catalog, App app) {
        return snapshotsOf(catalog, app).stream().filter(SnapshotManifest::isComplete).toList();
    }

    /** Opens the repository and pins the snapshot the selector names. */
    public ChosenSnapshot pin(App app, SnapshotSelector selector, boolean allowEmpty) {
        return pin(catalogs.catalogOf(app), app, selector, allowEmpty);
    }

    /** Pins the snapshot the selector names in an already opened catalog. */
    public ChosenSnapshot pin(SnapshotCatalog catalog, App app, SnapshotSelector selector, boolean allowEmpty) {
        KopiaIdentity identity = app.identity();
        SourceInfo source = sourceOf(app);
        List<SnapshotManifest> all = snapshotsOf(catalog, app);
        Instant now = clock.instant();
        Optional<Instant> target = Optional.empty();
        SnapshotManifest chosen = switch (selector) {
            case SnapshotSelector.Newest n -> catalog.getPrevious(source, 0, SnapshotEligibility.COMPLETE_ONLY);
            case SnapshotSelector.Previous p -> catalog.getPrevious(source, p.n(), SnapshotEligibility.COMPLETE_ONLY);
            case SnapshotSelector.AsOf a -> {
                if (a.at().isAfter(now)) {
                    throw new RewindException(Reason.INVALID_INPUT, "timestamp " + a.at() + " is in the future"
                            + " (now " + now + ")");
                }
                target = Optional.of(a.at());
                yield catalog.getAsOf(source, a.at(), 0, SnapshotEligibility.COMPLETE_ONLY);
            }
            case SnapshotSelector.ById b -> {
                SnapshotManifest s = catalog.getSnapshot(b.id());
                if (!s.source().equals(source)) {
                    throw new RewindException(Reason.INVALID_INPUT, "snapshot " + s.id() + " belongs to " + s.source()
                            + ", not to " + identity + " of app " + app.name());
                }
                yield s;
            }
        };
        if (!chosen.isComplete()) {
            throw new RewindException(Reason.INVALID_INPUT, "snapshot " + chosen.id() + " of " + source
                    + " is incomplete (" + chosen.incompleteReason().orElse("") + ")");
        }
        ChosenSnapshot pinned = ChosenSnapshot.of(chosen, target);
        if (pinned.fileCount() == 0 && !allowEmpty) {
            throw new RewindException(Reason.INVALID_INPUT, "snapshot " + chosen.id() + " of " + source
                    + " contains no files", "pass --allow-empty to restore an empty volume", null);
        }
        Optional<SnapshotManifest> volsyncPick = MoverSelection.select(all, chosen.startTimeText(), 0);
        if (volsyncPick.map(s -> !s.id().equals(chosen.id())).orElse(true)) {
            throw new RewindException(Reason.INVALID_INPUT, "Volsync cannot pin snapshot " + chosen.id()
                    + ": restoreAsOf " + chosen.startTimeText() + " would select "
                    + volsyncPick.map(s -> s.id().toString()).orElse("nothing")
                    + " (kopia start times compare as strings, volsync.md §2.3)");
        }
        return pinned;
    }

    private static SourceInfo sourceOf(App app) {
        KopiaIdentity identity = app.identity();
        return new SourceInfo(identity.username(), identity.hostname(), identity.path());
    }

    private static List<SnapshotManifest> snapshotsOf(SnapshotCatalog catalog, App app) {
        List<SnapshotManifest> all = catalog.snapshots(sourceOf(app));
        if (all.isEmpty()) {
            String known = catalog.sources().stream().map(SourceInfo::toString).collect(Collectors.joining(", "));
            throw new RewindException(Reason.NOT_FOUND, "the repository of app " + app.namespace() + "/" + app.name()
                    + " has no snapshots of " + app.identity(), known.isEmpty()
                    ? "the repository is empty: check the Secret's KOPIA_REPOSITORY (bucket/prefix)"
                    : "identities in the repository: " + known, null);
        }
        return all;
    }
}
