package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One server folder {@code <prefix><serverName>/} of a Barman Cloud archive: its base backups and its WAL
 * (cnpg-barman.md §3.1, §4.2). Every call reads the store afresh; nothing is cached.
 */
public final class BarmanServer {
    private final BlobStore store;
    private final String root;
    private final String name;

    BarmanServer(BlobStore store, String root, String name) {
        this.store = store;
        this.root = root;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The key prefix of this server, ending with {@code /}. */
    public String root() {
        return root;
    }

    /** Whether any object exists under {@link #root()} (one listing, stopped at the first object). */
    public boolean exists() {
        try (Stream<BlobMetadata> listing = store.list(root)) {
            return listing.findAny().isPresent();
        }
    }

    /** The backups and the directories under {@code base/} whose names are not backup ids. */
    public record BackupListing(List<BaseBackup> backups, List<String> invalidDirectories) {
        public BackupListing {
            backups = List.copyOf(backups);
            invalidDirectories = List.copyOf(invalidDirectories);
        }
    }

    /**
     * Lists {@code base/} and reads every backup.info (a few KB each). An unreadable backup.info does not fail the
     * listing: the backup carries the problem (§3.4). Storage failures propagate as StorageException.
     */
    public BackupListing backupListing() {
        String basePrefix = root + "base/";
        var byDirectory = new TreeMap<String, List<BlobMetadata>>();
        try (Stream<BlobMetadata> listing = store.list(basePrefix)) {
            listing.forEach(blob -> {
                String rest = blob.id().value().substring(basePrefix.length());
                int slash = rest.indexOf('/');
                String dir = slash < 0 ? "" : rest.substring(0, slash);
                byDirectory.computeIfAbsent(dir, d -> new ArrayList<>()).add(blob);
            });
        }
        var backups = new ArrayList<BaseBackup>();
        var invalid = new ArrayList<String>();
        for (Map.Entry<String, List<BlobMetadata>> entry : byDirectory.entrySet()) {
            if (!BackupId.isValid(entry.getKey())) {
                invalid.add(entry.getKey().isEmpty() ? "(objects directly under base/)" : entry.getKey());
                continue;
            }
            backups.add(readBackup(BackupId.of(entry.getKey()), entry.getValue()));
        }
        return new BackupListing(backups, invalid);
    }

    /** The base backups, ordered by id. */
    public List<BaseBackup> backups() {
        return backupListing().backups();
    }

    /** One base backup, or empty when its directory holds no object. */
    public Optional<BaseBackup> findBackup(BackupId id) {
        String dir = root + "base/" + id + "/";
        List<BlobMetadata> objects;
        try (Stream<BlobMetadata> listing = store.list(dir)) {
            objects = listing.toList();
        }
        return objects.isEmpty() ? Optional.empty() : Optional.of(readBackup(id, objects));
    }

    private BaseBackup readBackup(BackupId id, List<BlobMetadata> objects) {
        BlobId infoId = BlobId.of(root + "base/" + id + "/backup.info");
        boolean hasInfo = objects.stream().anyMatch(o -> o.id().equals(infoId));
        if (!hasInfo) {
            return new BaseBackup(id, Optional.empty(), Optional.empty(), objects);
        }
        String source = infoId + " in " + store.describe();
        try {
            String text = new String(store.read(infoId), StandardCharsets.UTF_8);
            return new BaseBackup(id, Optional.of(BackupInfo.parse(id, text, source)), Optional.empty(), objects);
        } catch (StorageException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                throw e;
            }
            return new BaseBackup(id, Optional.empty(), Optional.of(e.getMessage()), objects);
        } catch (RewindException e) {
            return new BaseBackup(id, Optional.empty(), Optional.of(e.getMessage()), objects);
        }
    }

    /** Scans {@code wals/} once into a compact inventory (see {@link WalInventory} for the memory bound). */
    public WalInventory scanWal(WalSegmentSize segmentSize) {
        String walsPrefix = root + "wals/";
        try (Stream<BlobMetadata> listing = store.list(walsPrefix)) {
            return WalInventory.scan(listing, walsPrefix, segmentSize);
        }
    }

    /** Reads and parses one history file (decompressing it); CORRUPT names the blob when it is malformed. */
    public TimelineHistory readHistory(WalFile history) {
        String source = history.blob().id() + " in " + store.describe();
        byte[] bytes = history.compression().decompress(store.read(history.blob().id()), source);
        return TimelineHistory.parse(history.timeline(), new String(bytes, StandardCharsets.UTF_8), source);
    }

    public String describe() {
        return store.describe() + " " + root;
    }
}
