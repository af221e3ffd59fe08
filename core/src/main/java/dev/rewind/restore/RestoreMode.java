package dev.rewind.restore;

/** How the data gets back into the claim (volsync.md §8.1, 5a and 5b). */
public enum RestoreMode {
    /** A temporary ReplicationDestination with {@code copyMethod: Direct} writes into the existing claim. */
    IN_PLACE,
    /** The claim is deleted and re-created, populated from a ReplicationDestination image (disaster recovery). */
    REPLACE
}
