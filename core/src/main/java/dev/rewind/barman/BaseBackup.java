package dev.rewind.barman;

import dev.rewind.storage.BlobMetadata;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One directory {@code <server>/base/<backupId>/} of the archive (cnpg-barman.md §3.1): its objects and its parsed
 * backup.info. backup.info is uploaded last, so a directory without it is a backup in progress or a crashed upload.
 *
 * @param info        the parsed backup.info; empty when it is missing or unreadable
 * @param infoProblem why an existing backup.info could not be read; empty otherwise
 * @param objects     every object of the directory
 */
public record BaseBackup(BackupId id, Optional<BackupInfo> info, Optional<String> infoProblem,
                         List<BlobMetadata> objects) {

    public BaseBackup {
        objects = List.copyOf(objects);
    }

    /** DONE, with an end time and a begin WAL (cnpg-barman.md §4.4). */
    public boolean isDone() {
        return info.map(BackupInfo::isDone).orElse(false);
    }

    /** Whether a {@code data.tar[.ext]} object exists. */
    public boolean hasData() {
        return objects.stream().map(o -> fileName(o.id().value())).anyMatch(n -> n.startsWith("data.tar"));
    }

    /** The newest object of the directory (for telling an upload in progress from a crashed one). */
    public Optional<Instant> newestObjectAt() {
        return objects.stream().map(BlobMetadata::modifiedAt).max(Comparator.naturalOrder());
    }

    public Optional<Instant> endAt() {
        return info.flatMap(BackupInfo::endAt);
    }

    static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
