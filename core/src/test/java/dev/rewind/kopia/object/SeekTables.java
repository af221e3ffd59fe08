package dev.rewind.kopia.object;

import java.util.List;

/** Writes {@code kopia:indirect} JSON as kopia does (kopia-format.md §7.3): {@code s}/{@code l} omitted when 0. */
final class SeekTables {
    record Part(String object, long lengthBytes) {
    }

    private SeekTables() {
    }

    static String json(List<Part> parts) {
        StringBuilder json = new StringBuilder("{\"stream\":\"kopia:indirect\",\"entries\":[");
        long start = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            json.append(i == 0 ? "" : ",").append('{');
            if (start != 0) {
                json.append("\"s\":").append(start).append(',');
            }
            if (part.lengthBytes() != 0) {
                json.append("\"l\":").append(part.lengthBytes()).append(',');
            }
            json.append("\"o\":\"").append(part.object()).append("\"}");
            start += part.lengthBytes();
        }
        return json.append("]}").toString();
    }
}
