package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.regex.Pattern;

/**
 * A Barman backup id, {@code YYYYMMDDTHHMMSS} (the backup host's wall clock at the start; cnpg-barman.md §3.1). Use
 * the backup.info times, not the id, for time arithmetic (§4.9).
 */
public record BackupId(String value) implements Comparable<BackupId> {
    private static final Pattern FORMAT = Pattern.compile("\\d{8}T\\d{6}");

    public BackupId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid barman backup id '" + value
                    + "', expected YYYYMMDDTHHMMSS");
        }
    }

    public static BackupId of(String value) {
        return new BackupId(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public int compareTo(BackupId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
