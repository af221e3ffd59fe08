package dev.rewind.barman;

import java.util.Locale;

/**
 * The {@code status} of a backup.info (barman's enum; barman-cloud writes DONE or FAILED — cnpg-barman.md §3.2). A
 * value rewind does not know is {@link #UNKNOWN}.
 */
public enum BackupStatus {
    DONE, FAILED, EMPTY, STARTED, WAITING_FOR_WALS, SYNCING, UNKNOWN;

    public static BackupStatus parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
