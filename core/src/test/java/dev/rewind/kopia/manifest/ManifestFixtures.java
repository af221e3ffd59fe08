package dev.rewind.kopia.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Builds manifest contents as kopia stores them: gzip-compressed JSON (kopia-format.md §6.1). */
public final class ManifestFixtures {
    private ManifestFixtures() {
    }

    public static byte[] gzip(String json) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(json.getBytes(UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource next to this class, as text. */
    public static String resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One manifest entry as JSON; {@code data} is raw JSON or {@code null} for a deletion marker. */
    public static String entry(String id, String labelsJson, String modified, boolean deleted, String data) {
        return "{\"id\":\"" + id + "\",\"labels\":" + labelsJson + ",\"modified\":\"" + modified + "\""
                + (deleted ? ",\"deleted\":true" : "") + (data == null ? "" : ",\"data\":" + data) + "}";
    }

    public static String content(String... entries) {
        return "{\"entries\":[" + String.join(",", entries) + "]}";
    }
}
