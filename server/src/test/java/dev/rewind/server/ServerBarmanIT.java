package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.pg.RealArchiveFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Barman verify fired through Quartz against the snapshot of a real barman-cloud archive (written by PostgreSQL
 * and barman-cloud-wal-archive / barman-cloud-backup, {@link RealArchiveFixture}), five minutes after its newest
 * WAL: healthy, and the recovery window and WAL age are exported.
 */
class ServerBarmanIT {
    static final Clock CLOCK = Clock.fixed(RealArchiveFixture.LATEST.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void aHealthyRealArchiveShowsItsWindowAndNewestWalAge() throws Exception {
        Path root = RealArchiveFixture.writeTo(tmp, "pg");
        TargetName name = new TargetName("pg-main");
        ServerConfig config = new ServerConfig(new ServerConfig.Http("127.0.0.1", 0), List.of(),
                List.of(new ArchiveTarget(name, root.toUri().toString(), "pg",
                        Optional.of(new Schedule("0 0 0 1 1 ? 2099", 0)), Optional.empty(),
                        Optional.of(Duration.ofMinutes(30)))), List.of());
        try (RewindServer server = new RewindServer(config, Duration.ZERO, CLOCK, new SplittableRandom(1), Map.of())
                .start(); HttpClient client = HttpClient.newHttpClient()) {
            CompletableFuture<Run> next = server.verifications().runs().next(r -> r.target().equals(name));
            server.verifications().scheduler().triggerNow(name, CheckKind.BARMAN_VERIFY);
            Run run = next.get(60, TimeUnit.SECONDS);

            assertThat(run.outcome()).as("%s", run).isEqualTo(Outcome.HEALTHY);
            assertThat(run.observations().windowStartAt()).contains(RealArchiveFixture.EARLIEST);
            assertThat(run.observations().newestWalAt()).contains(RealArchiveFixture.LATEST);
            String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics)
                    .contains("rewind_verification_healthy{target=\"pg-main\",check=\"barman-verify\"} 1\n")
                    .contains("rewind_barman_window_start_timestamp_seconds{target=\"pg-main\"} "
                            + (RealArchiveFixture.EARLIEST.getEpochSecond()
                            + RealArchiveFixture.EARLIEST.getNano() / 1e9) + "\n")
                    .contains("rewind_barman_window_end_timestamp_seconds{target=\"pg-main\"} "
                            + RealArchiveFixture.LATEST.getEpochSecond() + "\n")
                    .contains("rewind_barman_newest_wal_age_seconds{target=\"pg-main\"} 300\n");
            String window = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/runs/" + run.id().value())).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(window).contains("\"recoveryWindowStartAt\":\"" + RealArchiveFixture.EARLIEST + "\"");
        }
    }
}
