package dev.rewind.kopia.snapshot;

import dev.rewind.kopia.object.ObjectId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a {@code kopia:directory} object, or a snapshot's root entry (kopia-format.md §7.4; kopia:
 * {@code snapshot.DirEntry}). The {@code type} field selects the variant: {@code d} directory, {@code f} file,
 * {@code s} symlink, anything else (normally {@code ""}, unknown) {@link Other}. Missing numeric fields are 0 (kopia
 * omits zero values: uid/gid 0, directory sizes); a missing {@code mtime} is the epoch. The birth time
 * ({@code btime}) is not kept.
 */
public sealed interface DirectoryEntry
        permits DirectoryEntry.File, DirectoryEntry.Directory, DirectoryEntry.Symlink, DirectoryEntry.Other {

    /** The file name (UTF-8, no slashes). */
    String name();

    EntryMode mode();

    Instant modifiedAt();

    Owner owner();

    /** The object holding the entry's data: file bytes, directory JSON or symlink target. */
    ObjectId object();

    /** Numeric owner ids as captured at backup time. */
    record Owner(long uid, long gid) {
    }

    /** A regular file; {@code sizeBytes} is the size seen at backup time (kopia-format.md §11.13: not enforced). */
    record File(String name, EntryMode mode, Instant modifiedAt, Owner owner, ObjectId object, long sizeBytes)
            implements DirectoryEntry {
        public File {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(modifiedAt, "modifiedAt");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(object, "object");
        }
    }

    /** A directory; its {@code object} is a {@code kopia:directory} JSON object ({@code k…} or {@code Ik…}). */
    record Directory(String name, EntryMode mode, Instant modifiedAt, Owner owner, ObjectId object,
                     Optional<DirectorySummary> summary) implements DirectoryEntry {
        public Directory {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(modifiedAt, "modifiedAt");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /** A symbolic link; its object holds the target string, {@code sizeBytes} is the target's length. */
    record Symlink(String name, EntryMode mode, Instant modifiedAt, Owner owner, ObjectId object, long sizeBytes)
            implements DirectoryEntry {
        public Symlink {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(modifiedAt, "modifiedAt");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(object, "object");
        }
    }

    /** An entry of a type rewind does not restore ({@code type} as stored, usually empty). */
    record Other(String name, String type, EntryMode mode, Instant modifiedAt, Owner owner, ObjectId object,
                 long sizeBytes) implements DirectoryEntry {
        public Other {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(modifiedAt, "modifiedAt");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(object, "object");
        }
    }
}
