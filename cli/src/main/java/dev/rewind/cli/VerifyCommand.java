package dev.rewind.cli;

import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.snapshot.SourceInfo;
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
            description = "Newest complete snapshot must be younger than this (e.g. 26h): the RPO.")
    private Duration maxAge;

    @Option(names = "--verify-percent", paramLabel = "P", defaultValue = "0",
            description = "Percentage of files whose contents are read, decrypted and decompressed (default 0).")
    private double verifyPercent;

    @Option(names = "--deep", description = "Read every content (same as --verify-percent 100).")
    private boolean deep;

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
        KopiaRepository repo = repository.open(rewind);
        var progress = new StderrProgress(rewind.err(), StderrProgress.interactive(), rewind.clock());
        Verifier verifier = new Verifier(repo, rewind.clock(), new SecureRandom(), progress);
        VerifyReport report = sources.isEmpty() ? verifier.verify(policy)
                : verifier.verify(sources.stream().map(SourceInfo::parse).toList(), policy);
        rewind.render(VerifyView.of(repo.describe(), report));
        return report.hasErrors() ? ExitCode.PROBLEMS_FOUND.code() : ExitCode.SUCCESS.code();
    }
}
