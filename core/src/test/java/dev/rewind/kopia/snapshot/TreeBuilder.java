package dev.rewind.kopia.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.content.InMemoryContentSource;
import dev.rewind.kopia.object.ObjectId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes {@code kopia:directory} objects into an {@link InMemoryContentSource} as kopia lays them out
 * (kopia-format.md §7.3–§7.4): directories first, then the rest, each by name; files in unprefixed contents, large
 * files as {@code Ix…} objects, directories in {@code k} contents or, when large, as {@code Ik…} objects.
 */
final class TreeBuilder {
    static final String MTIME = "2025-11-23T15:40:02.5Z";

    private record Entry(String name, boolean directory, String json) {
    }

    private final InMemoryContentSource contents;
    private final List<Entry> entries = new ArrayList<>();

    TreeBuilder(InMemoryContentSource contents) {
        this.contents = contents;
    }

    TreeBuilder file(String name, byte[] data) {
        return file(name, ObjectId.direct(contents.put((char) 0, data)), data.length);
    }

    /** A file stored as an indirect object of {@code chunk}-byte pieces. */
    TreeBuilder bigFile(String name, byte[] data, int chunk) {
        StringBuilder table = new StringBuilder("{\"stream\":\"kopia:indirect\",\"entries\":[");
        for (int offset = 0; offset < data.length; offset += chunk) {
            int end = Math.min(data.length, offset + chunk);
            ContentId piece = contents.put((char) 0, Arrays.copyOfRange(data, offset, end));
            table.append(offset == 0 ? "{" : ",{\"s\":" + offset + ",").append("\"l\":").append(end - offset)
                    .append(",\"o\":\"").append(piece).append("\"}");
        }
        ContentId index = contents.put('x', table.append("]}").toString().getBytes(UTF_8));
        return file(name, ObjectId.indirect(ObjectId.direct(index)), data.length);
    }

    TreeBuilder file(String name, ObjectId object, long size) {
        entries.add(new Entry(name, false, "{\"name\":\"" + name + "\",\"type\":\"f\",\"mode\":\"0644\",\"size\":"
                + size + ",\"mtime\":\"" + MTIME + "\",\"uid\":1000,\"gid\":1000,\"obj\":\"" + object + "\"}"));
        return this;
    }

    TreeBuilder symlink(String name, String target) {
        ObjectId object = ObjectId.direct(contents.put((char) 0, target.getBytes(UTF_8)));
        entries.add(new Entry(name, false, "{\"name\":\"" + name + "\",\"type\":\"s\",\"mode\":\"0777\",\"size\":"
                + target.length() + ",\"mtime\":\"" + MTIME + "\",\"obj\":\"" + object + "\"}"));
        return this;
    }

    TreeBuilder dir(String name, ObjectId object) {
        entries.add(new Entry(name, true, "{\"name\":\"" + name + "\",\"type\":\"d\",\"mode\":\"0755\",\"mtime\":\""
                + MTIME + "\",\"obj\":\"" + object + "\",\"summ\":{\"size\":0,\"files\":0,\"symlinks\":0,\"dirs\":1,"
                + "\"maxTime\":\"" + MTIME + "\",\"numFailed\":0}}"));
        return this;
    }

    byte[] json() {
        List<Entry> sorted = entries.stream()
                .sorted(Comparator.comparing((Entry e) -> !e.directory()).thenComparing(Entry::name)).toList();
        return ("{\"stream\":\"kopia:directory\",\"entries\":["
                + String.join(",", sorted.stream().map(Entry::json).toList())
                + "],\"summary\":{\"size\":0,\"files\":0,\"symlinks\":0,\"dirs\":1,\"maxTime\":\"" + MTIME
                + "\",\"numFailed\":0}}").getBytes(UTF_8);
    }

    /** Stores the directory in one {@code k} content. */
    ObjectId store() {
        return ObjectId.direct(contents.put('k', json()));
    }

    /** Stores the directory JSON as an {@code Ik…} object split into two {@code k} contents. */
    ObjectId storeIndirect() {
        byte[] json = json();
        int half = json.length / 2;
        ContentId first = contents.put('k', Arrays.copyOfRange(json, 0, half));
        ContentId second = contents.put('k', Arrays.copyOfRange(json, half, json.length));
        String table = "{\"stream\":\"kopia:indirect\",\"entries\":[{\"l\":" + half + ",\"o\":\"" + first
                + "\"},{\"s\":" + half + ",\"l\":" + (json.length - half) + ",\"o\":\"" + second + "\"}]}";
        return ObjectId.indirect(ObjectId.direct(contents.put('k', table.getBytes(UTF_8))));
    }
}
