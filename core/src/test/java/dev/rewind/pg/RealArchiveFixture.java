package dev.rewind.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test support: the snapshot of a real barman-cloud archive in {@code src/test/resources/barman/real-archive}
 * (server {@code pg}: backups 20261130T165015 and 20261130T165033, WAL on timelines 1 and 2), copied under another
 * server name with every object's real upload time restored from {@code listing.txt}. Its recovery window is
 * [{@link #EARLIEST}, {@link #LATEST}].
 */
public final class RealArchiveFixture {
    public static final String FIRST_BACKUP = "20261130T165015";
    public static final String SECOND_BACKUP = "20261130T165033";
    /** End of the first backup. */
    public static final Instant EARLIEST = Instant.parse("2026-11-30T16:50:20.861458Z");
    /** Upload of the newest segment 000000020000000000000012. */
    public static final Instant LATEST = Instant.parse("2026-11-30T16:51:20Z");

    private RealArchiveFixture() {
    }

    /** Every object as {@code <serverName>/…} key → bytes, with its upload time. */
    public record ArchiveObject(byte[] bytes, Instant modifiedAt) {
    }

    public static Map<String, ArchiveObject> objects(String serverName) {
        Map<String, ArchiveObject> out = new LinkedHashMap<>();
        try {
            Path source = Path.of(RealArchiveFixture.class.getResource("/barman/real-archive/listing.txt").toURI())
                    .getParent();
            for (String line : Files.readAllLines(source.resolve("listing.txt"))) {
                String[] parts = line.split(" ");
                String key = parts[0];
                byte[] bytes = Files.readAllBytes(source.resolve(key));
                out.put(serverName + key.substring(key.indexOf('/')), new ArchiveObject(bytes,
                        Instant.parse(parts[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Writes the archive under {@code root/<serverName>/} with the real modification times; returns root. */
    public static Path writeTo(Path root, String serverName) {
        try {
            for (var entry : objects(serverName).entrySet()) {
                Path file = root.resolve(entry.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, entry.getValue().bytes());
                Files.setLastModifiedTime(file, FileTime.from(entry.getValue().modifiedAt()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }
}
