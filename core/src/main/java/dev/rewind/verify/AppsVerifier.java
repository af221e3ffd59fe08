package dev.rewind.verify;

import dev.rewind.app.App;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.progress.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Verifies several apps ({@code rewind verify --all}): each app's Kopia source with the policy its
 * ReplicationSource implies ({@link ReplicationSourcePolicy}), opening each distinct repository once (apps of the
 * reference cluster share one repository and differ by identity). One report for all, sources in app order.
 *
 * <p>Not thread-safe; apps are verified one after another, each with the policy's parallelism.
 */
public final class AppsVerifier {
    private final Function<App, KopiaRepository> opener;
    private final Function<App, String> repositoryKey;
    private final Clock clock;
    private final RandomGenerator random;
    private final ProgressListener listener;

    /**
     * @param opener opens an app's repository (throws the store's or the format's RewindException)
     * @param repositoryKey identifies the repository an app uses, so that apps sharing one open it once
     */
    public AppsVerifier(Function<App, KopiaRepository> opener, Function<App, String> repositoryKey, Clock clock,
            RandomGenerator random, ProgressListener listener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.repositoryKey = Objects.requireNonNull(repositoryKey, "repositoryKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public VerifyReport verify(List<App> apps, VerifyPolicy base) {
        Instant startedAt = clock.instant();
        Map<String, KopiaRepository> open = new HashMap<>();
        List<VerifyReport.SourceReport> sources = new ArrayList<>();
        long packs = 0;
        for (App app : apps) {
            KopiaRepository repository = open.computeIfAbsent(repositoryKey.apply(app), k -> opener.apply(app));
            VerifyReport report = new Verifier(repository, clock, random, listener).verify(
                    List.of(SourceInfo.parse(app.identity().toString())),
                    ReplicationSourcePolicy.of(base, app.source()));
            sources.addAll(report.sources());
            packs = Math.max(packs, report.packCount());
        }
        return new VerifyReport(startedAt, Duration.between(startedAt, clock.instant()), packs, sources);
    }
}
