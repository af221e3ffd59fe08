package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies one server of a Barman Cloud archive from storage alone (cnpg-barman.md §4; hand-written, barman itself
 * decides nothing of this):
 * <ol>
 *   <li>lists {@code base/} and reads every backup.info: status, data present, systemid and segment size agree
 *       (§4.4);</li>
 *   <li>scans {@code wals/} once into a compact {@link WalInventory} and reads the history files into a
 *       {@link TimelineGraph} (§4.3, §4.5);</li>
 *   <li>walks the WAL chain from every DONE backup's {@code begin_wal} across timeline switches to the newest
 *       archived segment, naming every missing segment (§4.6);</li>
 *   <li>derives the recovery window, the newest backup's age and the RPO age against the injected {@link Clock}
 *       (§4.7).</li>
 * </ol>
 * Memory: O(backups + timelines + runs of consecutive segments + anomalies) — see {@link WalInventory}.
 * Thread-safe; it reads nothing until {@link #verify} is called. Storage failures propagate as StorageException.
 */
public final class BarmanVerifier {
    private final BarmanPolicy policy;
    private final Clock clock;

    public BarmanVerifier(BarmanPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public BarmanReport verify(BarmanServer server) {
        Instant now = clock.instant();
        String name = server.name();
        var findings = new ArrayList<BarmanFinding>();

        BarmanServer.BackupListing listing = server.backupListing();
        listing.invalidDirectories().forEach(d -> findings.add(new BarmanFinding.InvalidBackupDirectory(name, d)));
        List<BaseBackup> backups = listing.backups();
        List<BaseBackup> done = backups.stream().filter(BaseBackup::isDone)
                .sorted(Comparator.comparing((BaseBackup b) -> b.endAt().orElseThrow())).toList();
        checkBackups(name, backups, now, findings);

        WalSegmentSize size = policy.segmentSize().orElseGet(() -> done.isEmpty() ? WalSegmentSize.DEFAULT
                : done.get(done.size() - 1).info().orElseThrow().segmentSize());
        for (BaseBackup b : done) {
            WalSegmentSize own = b.info().orElseThrow().segmentSize();
            if (!own.equals(size)) {
                findings.add(new BarmanFinding.SegmentSizeMismatch(name, b.id(), size, own));
            }
        }
        checkSystemIds(name, done, findings);

        WalInventory inventory = server.scanWal(size);
        reportAnomalies(name, inventory, findings);
        TimelineGraph graph = readTimelines(server, inventory, findings);

        var verdicts = new ArrayList<BackupVerdict>();
        var reportedGaps = new ArrayList<WalRange>();
        for (BaseBackup backup : backups) {
            if (!backup.isDone() || !backup.info().orElseThrow().segmentSize().equals(size)) {
                verdicts.add(new BackupVerdict(backup, false, Optional.empty()));
                continue;
            }
            BackupInfo info = backup.info().orElseThrow();
            WalChain chain = WalChain.walk(inventory, graph, info.beginWal().orElseThrow(), info.endWal());
            boolean walComplete = info.endWal().map(end -> chain.completeThrough(end, size)).orElse(chain.complete());
            verdicts.add(new BackupVerdict(backup, walComplete && backup.hasData(), Optional.of(chain)));
            boolean withinGrace = Duration.between(info.endAt().orElseThrow(), now).compareTo(policy.endWalGrace()) < 0;
            for (WalRange gap : chain.gaps()) {
                if (reportedGaps.stream().noneMatch(r -> covers(r, gap))) {
                    reportedGaps.add(gap);
                    boolean tail = gap.last().equals(chain.lastSegment()) && info.endWal().isPresent()
                            && gap.last().segmentNumber(size) <= info.endWal().get().segmentNumber(size);
                    findings.add(new BarmanFinding.WalMissing(name, gap, backup.id(), tail && withinGrace));
                }
            }
        }
        reportAbandonedBranches(name, inventory, graph, findings);

        Optional<BackupVerdict> newest = verdicts.stream().filter(BackupVerdict::restorable)
                .max(Comparator.comparing((BackupVerdict v) -> v.backup().endAt().orElseThrow()));
        if (newest.isEmpty()) {
            findings.add(new BarmanFinding.NoUsableBackup(name));
        } else {
            Instant endAt = newest.get().backup().endAt().orElseThrow();
            Duration age = Duration.between(endAt, now);
            if (age.compareTo(policy.maxBackupAge()) > 0) {
                findings.add(new BarmanFinding.BackupTooOld(name, newest.get().backup().id(), endAt, age,
                        policy.maxBackupAge()));
            }
        }

        Optional<WalChain> mainChain = newest.flatMap(BackupVerdict::chain);
        Optional<WalName> lastWal = mainChain.flatMap(c -> inventory.highestSegment(c.targetTimeline()))
                .or(() -> inventory.segmentTimelines().stream().reduce((a, b) -> b)
                        .flatMap(inventory::highestSegment));
        Optional<Instant> lastWalAt = lastWal.flatMap(inventory::runModifiedAt);
        if (lastWal.isPresent() && lastWalAt.isPresent()) {
            Duration age = Duration.between(lastWalAt.get(), now);
            if (age.compareTo(policy.maxWalAge()) > 0) {
                findings.add(new BarmanFinding.WalTooOld(name, lastWal.get(), lastWalAt.get(), age,
                        policy.maxWalAge()));
            }
        }
        Optional<RecoveryWindow> window = window(verdicts);
        return new BarmanReport(name, size, verdicts, window, lastWal, lastWalAt, findings);
    }

    /** Whether {@code outer} contains {@code inner} (same timeline), so {@code inner} was already reported. */
    private static boolean covers(WalRange outer, WalRange inner) {
        return outer.first().timeline() == inner.first().timeline() && outer.first().compareTo(inner.first()) <= 0
                && outer.last().compareTo(inner.last()) >= 0;
    }

    private void checkBackups(String name, List<BaseBackup> backups, Instant now, List<BarmanFinding> findings) {
        for (BaseBackup b : backups) {
            if (b.infoProblem().isPresent()) {
                findings.add(new BarmanFinding.BackupInfoUnreadable(name, b.id(), b.infoProblem().get()));
            } else if (b.info().isEmpty()) {
                boolean inProgress = b.newestObjectAt()
                        .map(t -> Duration.between(t, now).compareTo(policy.inProgressGrace()) < 0).orElse(false);
                findings.add(new BarmanFinding.BackupInfoMissing(name, b.id(), b.newestObjectAt(), inProgress));
            } else if (!b.isDone()) {
                BackupInfo info = b.info().get();
                findings.add(new BarmanFinding.BackupNotDone(name, b.id(), info.status(), info.error()));
            } else if (!b.hasData()) {
                findings.add(new BarmanFinding.BackupDataMissing(name, b.id()));
            }
        }
    }

    private static void checkSystemIds(String name, List<BaseBackup> done, List<BarmanFinding> findings) {
        var counts = new HashMap<String, Integer>();
        done.forEach(b -> b.info().orElseThrow().systemId().ifPresent(id -> counts.merge(id, 1, Integer::sum)));
        if (counts.size() < 2) {
            return;
        }
        String majority = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        for (BaseBackup b : done) {
            b.info().orElseThrow().systemId().filter(id -> !id.equals(majority)).ifPresent(id ->
                    findings.add(new BarmanFinding.SystemIdMismatch(name, b.id(), majority, id)));
        }
    }

    private static void reportAnomalies(String name, WalInventory inventory, List<BarmanFinding> findings) {
        inventory.unknownObjects().forEach(id -> findings.add(anomaly(name, id,
                BarmanFinding.WalObjectAnomaly.Anomaly.UNKNOWN)));
        inventory.emptyObjects().forEach(id -> findings.add(anomaly(name, id,
                BarmanFinding.WalObjectAnomaly.Anomaly.EMPTY)));
        inventory.misplacedObjects().forEach(id -> findings.add(anomaly(name, id,
                BarmanFinding.WalObjectAnomaly.Anomaly.MISPLACED)));
        inventory.duplicates().forEach(f -> findings.add(anomaly(name, f.blob().id(),
                BarmanFinding.WalObjectAnomaly.Anomaly.DUPLICATE)));
    }

    private static BarmanFinding anomaly(String name, BlobId id, BarmanFinding.WalObjectAnomaly.Anomaly kind) {
        return new BarmanFinding.WalObjectAnomaly(name, id, kind);
    }

    private static TimelineGraph readTimelines(BarmanServer server, WalInventory inventory,
                                               List<BarmanFinding> findings) {
        var histories = new HashMap<Long, TimelineHistory>();
        for (WalFile file : inventory.histories().values()) {
            try {
                histories.put(file.timeline(), server.readHistory(file));
            } catch (StorageException e) {
                if (e.reason() != Reason.NOT_FOUND) {
                    throw e;
                }
                findings.add(new BarmanFinding.HistoryBroken(server.name(), file.blob().id().value(), e.getMessage()));
            } catch (RewindException e) {
                findings.add(new BarmanFinding.HistoryBroken(server.name(), file.blob().id().value(), e.getMessage()));
            }
        }
        var timelinesWithWal = new LinkedHashSet<>(inventory.segmentTimelines());
        inventory.partials().forEach(p -> timelinesWithWal.add(p.timeline()));
        for (long tli : timelinesWithWal) {
            if (tli > 1 && !histories.containsKey(tli)) {
                findings.add(new BarmanFinding.HistoryMissing(server.name(), tli));
            }
        }
        histories.values().forEach(h -> h.ancestors().forEach(s -> {
            if (s.parentTimeline() > 1 && !histories.containsKey(s.parentTimeline())) {
                findings.add(new BarmanFinding.HistoryBroken(server.name(), String.format("%08X.history", h.timeline()),
                        "history of timeline " + h.timeline() + " names parent timeline " + s.parentTimeline()
                                + ", whose history file is missing"));
            }
        }));
        return new TimelineGraph(histories);
    }

    private static void reportAbandonedBranches(String name, WalInventory inventory, TimelineGraph graph,
                                                List<BarmanFinding> findings) {
        WalSegmentSize size = inventory.segmentSize();
        for (long tli : inventory.segmentTimelines()) {
            for (TimelineHop hop : graph.childHops(tli)) {
                long switchSegno = WalName.fromLsn(hop.switchLsn(), tli, size).segmentNumber(size);
                inventory.rangesFrom(tli, switchSegno).forEach(r ->
                        findings.add(new BarmanFinding.AbandonedBranch(name, r, hop.toTimeline())));
            }
        }
    }

    /**
     * The window whose end is the newest reachable segment: among restorable backups, the chains ending latest; the
     * earliest point is the oldest such backup's end.
     */
    private static Optional<RecoveryWindow> window(List<BackupVerdict> verdicts) {
        Instant latest = null;
        for (BackupVerdict v : verdicts) {
            if (v.restorable()) {
                Instant at = v.chain().orElseThrow().endArchivedAt().orElseThrow();
                latest = latest == null || at.isAfter(latest) ? at : latest;
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        Instant end = latest;
        return verdicts.stream()
                .filter(BackupVerdict::restorable)
                .filter(v -> v.chain().orElseThrow().endArchivedAt().orElseThrow().equals(end))
                .min(Comparator.comparing((BackupVerdict v) -> v.backup().endAt().orElseThrow()))
                .map(v -> new RecoveryWindow(v.backup().endAt().orElseThrow(), end, v.backup().id(),
                        v.chain().orElseThrow().end().orElseThrow()));
    }
}
