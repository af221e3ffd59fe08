package dev.rewind.cnpg;

/** {@code Backup.spec.method} / {@code ScheduledBackup.spec.method} (cnpg-barman.md §1.4). */
public enum BackupMethod {
    BARMAN_OBJECT_STORE("barmanObjectStore"),
    VOLUME_SNAPSHOT("volumeSnapshot"),
    PLUGIN("plugin");

    private final String manifestValue;

    BackupMethod(String manifestValue) {
        this.manifestValue = manifestValue;
    }

    public String manifestValue() {
        return manifestValue;
    }

    /** Parses the manifest spelling; CNPG's default when absent is {@code barmanObjectStore}. */
    public static BackupMethod parse(String value) {
        for (BackupMethod m : values()) {
            if (m.manifestValue.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown backup method '" + value + "'");
    }
}
