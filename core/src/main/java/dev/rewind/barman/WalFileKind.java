package dev.rewind.barman;

/** What a WAL-style object under {@code wals/} is (cnpg-barman.md §4.3). */
public enum WalFileKind {
    /** A full segment, {@code <24 hex>}. */
    SEGMENT,
    /** The unfinished last segment of a timeline, archived at promotion, {@code <24 hex>.partial}. */
    PARTIAL,
    /** A backup history ("label") file, {@code <24 hex>.<8 hex offset>.backup}. Informational. */
    BACKUP_LABEL,
    /** A timeline history file, {@code <8 hex>.history}, directly under {@code wals/}. */
    HISTORY
}
