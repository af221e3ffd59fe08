package dev.rewind.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        // read through the class loader: from target/test-classes or from inside core's test-jar alike
        Map<String, ArchiveObject> out = new LinkedHashMap<>();
        for (String line : new String(resource("listing.txt"), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" ");
            String key = parts[0];
            out.put(serverName + key.substring(key.indexOf('/')), new ArchiveObject(resource(key),
                    Instant.parse(parts[2])));
        }
        return out;
    }

    private static byte[] resource(String name) {
        try (java.io.InputStream in = RealArchiveFixture.class.getResourceAsStream("/barman/real-archive/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource barman/real-archive/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
