package dev.rewind.kopia;

import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.storage.InMemoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The example repository shipped in {@code docs/examples/kopia-repository} (used by the README's main command):
 * two Volsync-style sources written by {@link KopiaFixtureWriter} in kopia's filesystem layout ({@code .shards}
 * with {@code [1,3]}). Regenerate with {@code scripts/dev/generate-example-repository}; {@code
 * ExampleRepositoryTest} checks the committed copy.
 */
public final class ExampleRepository {
    public static final String PASSWORD = "rewind-example";
    public static final String PAPERLESS = "paperless-ngx@default:/data";
    public static final String GRAFANA = "grafana@observability:/data";
    public static final Instant FIRST_AT = Instant.parse("2026-11-28T02:00:00Z");

    private ExampleRepository() {
    }

    /** Writes the example repository into {@code store}. Deterministic for a given code version. */
    public static void write(InMemoryBlobStore store) {
        Clock clock = Clock.fixed(FIRST_AT, ZoneOffset.UTC);
        FormatBlobWriter format = FormatBlobWriter.withDefaults(new SplittableRandom(2026)).password(PASSWORD);
        KopiaFixtureWriter w = KopiaFixtureWriter.create(store, format, new SplittableRandom(11), clock);
        for (int day = 0; day < 3; day++) {
            Instant at = FIRST_AT.plusSeconds(day * 86_400L);
            var s = w.snapshot(PAPERLESS, at)
                    .file("media/documents/originals/0000001.pdf", text("%PDF-1.7 invoice 2026-001\n"))
                    .file("media/documents/originals/0000002.pdf", text("%PDF-1.7 contract\n".repeat(200)))
                    .file("data/celery.db", pageLikeBytes(32_768, day))
                    .symlink("media/latest.pdf", "documents/originals/0000002.pdf");
            if (day > 0) {
                s.file("media/documents/originals/000000" + (day + 2) + ".pdf", text("%PDF-1.7 day " + day + "\n"));
            }
            s.commit();
            w.snapshot(GRAFANA, at.plusSeconds(900))
                    .file("grafana.db", pageLikeBytes(65_536, 100 + day))
                    .file("plugins/README", text("no plugins\n"))
                    .commit();
        }
    }

    /** Writes the example repository to {@code dir} in kopia's sharded filesystem layout. */
    public static void writeTo(Path dir) throws IOException {
        InMemoryBlobStore store = new InMemoryBlobStore(Clock.fixed(FIRST_AT, ZoneOffset.UTC));
        write(store);
        FilesystemExport.write(store, dir, java.util.Optional.of(FIRST_AT));
        Files.writeString(dir.resolveSibling(dir.getFileName() + ".password"), PASSWORD + "\n");
    }

    public static void main(String[] args) throws IOException {
        writeTo(Path.of(args[0]));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} seeded random bytes with every fourth byte zero: compressible like a real database page. */
    public static byte[] pageLikeBytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        for (int i = 0; i < n; i += 4) {
            b[i] = 0;
        }
        return b;
    }
}
