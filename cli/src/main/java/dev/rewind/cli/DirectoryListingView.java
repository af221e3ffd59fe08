package dev.rewind.cli;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.kopia.snapshot.DirectoryEntry;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import java.time.Instant;
import java.util.List;

/** {@code rewind ls}: the entries of one directory of a snapshot. */
record DirectoryListingView(String snapshot, String source, String path, List<EntryRow> entries) implements View {

    record EntryRow(String name, String type, String mode, long sizeBytes, Instant modifiedAt, long uid, long gid) {
        static EntryRow of(DirectoryEntry e) {
            return switch (e) {
                case DirectoryEntry.File f -> row(e, "file", f.sizeBytes());
                case DirectoryEntry.Directory d -> row(e, "dir",
                        d.summary().map(s -> s.totalSizeBytes()).orElse(0L));
                case DirectoryEntry.Symlink s -> row(e, "symlink", s.sizeBytes());
                case DirectoryEntry.Other o -> row(e, o.type().isEmpty() ? "other" : o.type(), o.sizeBytes());
            };
        }

        private static EntryRow row(DirectoryEntry e, String type, long size) {
            return new EntryRow(e.name(), type, e.mode().toString(), size, e.modifiedAt(), e.owner().uid(),
                    e.owner().gid());
        }
    }

    static DirectoryListingView of(SnapshotManifest snapshot, String path, List<DirectoryEntry> entries) {
        return new DirectoryListingView(snapshot.id().toString(), snapshot.source().toString(), "/" + path,
                entries.stream().map(EntryRow::of).toList());
    }

    @Override
    public String kind() {
        return "DirectoryListing";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        return new Table(List.of("TYPE", "MODE", "SIZE", "MODIFIED", "NAME"), entries.stream()
                .map(e -> List.of(e.type(), e.mode(), Long.toString(e.sizeBytes()), e.modifiedAt().toString(),
                        e.name()))
                .toList());
    }
}
