package dev.rewind.cli;

import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.verify.AppsVerifier;
import dev.rewind.verify.ReplicationSourcePolicy;
import dev.rewind.verify.Verifier;
import dev.rewind.verify.VerifyPolicy;
import dev.rewind.verify.VerifyReport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", description = "Prove that a Kopia repository's backups are restorable: freshness (RPO), "
        + "completeness, emptiness regressions, tree structure, pack blobs, and a sample of contents decrypted. "
        + "Exits 4 when a finding is an error.")
final class VerifyCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Mixin
    private RepositoryOptions repository;

    @Option(names = "--source", paramLabel = "USER@HOST:PATH", description = "Only these sources (repeatable).")
    private List<String> sources = List.of();

    @Option(names = "--max-age", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Newest complete snapshot must be younger than this (e.g. 26h): the RPO. With --app: "
                    + "default 2 intervals of its schedule.")
    private Duration maxAge;

    @Option(names = "--verify-percent", paramLabel = "P", defaultValue = "0",
            description = "Percentage of files whose contents are read, decrypted and decompressed (default 0).")
    private double verifyPercent;

    @Option(names = "--deep", description = "Read every content (same as --verify-percent 100).")
    private boolean deep;

    @Option(names = "--all", description = "Every app with a ReplicationSource (in -n NS, else all namespaces).")
    private boolean allApps;

    @Option(names = "--all-snapshots", description = "Check every snapshot, not just the newest ones.")
    private boolean allSnapshots;

    @Option(names = "--parallelism", paramLabel = "N", description = "Worker threads (default: number of cores).")
    private Integer parallelism;

    VerifyCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        VerifyPolicy policy = VerifyPolicy.defaults().withVerifyPercent(deep ? 100 : verifyPercent)
                .withAllSnapshots(allSnapshots);
        policy = maxAge == null ? policy : policy.withMaxAge(maxAge);
        policy = parallelism == null ? policy : policy.withParallelism(parallelism);
        if (allApps) {
            return verifyAllApps(policy);
        }
        RepositoryOptions.OpenedRepository opened = repository.open(rewind);
        KopiaRepository repo = opened.repository();
        if (opened.app().isPresent()) {
            policy = ReplicationSourcePolicy.of(policy, opened.app().get().source());
        }
        List<SourceInfo> selected = !sources.isEmpty() ? sources.stream().map(SourceInfo::parse).toList()
                : opened.appSource().map(List::of).orElse(List.of());
        var progress = StderrProgress.of(rewind);
        Verifier verifier = new Verifier(repo, rewind.clock(), new SecureRandom(), progress);
        VerifyReport report = selected.isEmpty() ? verifier.verify(policy) : verifier.verify(selected, policy);
        rewind.render(VerifyView.of(repo.describe(), report));
        return report.hasErrors() ? ExitCode.PROBLEMS_FOUND.code() : ExitCode.SUCCESS.code();
    }

    private int verifyAllApps(VerifyPolicy policy) {
        List<String> unresolved = new java.util.ArrayList<>();
        var apps = repository.allApps(rewind, unresolved::add);
        unresolved.forEach(p -> rewind.err().println("[ERROR] " + p));
        var progress = StderrProgress.of(rewind);
        VerifyReport report = new AppsVerifier(app -> repository.openFor(rewind, app), repository::repositoryUrlFor,
                rewind.clock(), new SecureRandom(), progress).verify(apps, policy);
        rewind.render(VerifyView.of(apps.size() + " apps", report));
        return report.hasErrors() || !unresolved.isEmpty() ? ExitCode.PROBLEMS_FOUND.code() : ExitCode.SUCCESS.code();
    }
}
