package dev.rewind.kopia.snapshot;

import dev.rewind.kopia.object.ObjectId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code kopia:directory} object (kopia-format.md §7.4; kopia: {@code snapshot.DirManifest}):
 * {@code {"stream":"kopia:directory","entries":[…],"summary":{…}}}. Entries keep their stored order (directories
 * first, then the rest, each by name in byte order).
 *
 * @param object the directory object
 * @param entries its entries
 * @param summary the whole-directory summary, when stored
 */
public record DirectoryManifest(ObjectId object, List<DirectoryEntry> entries, Optional<DirectorySummary> summary) {

    public DirectoryManifest {
        Objects.requireNonNull(object, "object");
        entries = List.copyOf(entries);
        Objects.requireNonNull(summary, "summary");
    }

    /** The entry with exactly this name, or empty. */
    public Optional<DirectoryEntry> findEntry(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }
}
