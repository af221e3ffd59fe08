package dev.rewind.server;

import java.util.Locale;

/** The checks the server schedules. Each target has its own schedule per kind. */
public enum CheckKind {
    /** Kopia repository: structure of the newest snapshots, no file content decrypted unless configured. */
    QUICK_VERIFY,
    /** Kopia repository: structure plus a sample of file contents decrypted and decompressed. */
    DEEP_VERIFY,
    /** Barman Cloud archive: backups, WAL chain, recovery window. */
    BARMAN_VERIFY,
    /** Restore drills of apps in the cluster ({@link DrillRunner}, config section {@code drills}); not per target. */
    DRILL,
    /** Discovered app, only when backup triggers select it: a Volsync manual sync confirmed in the repository. */
    BACKUP;

    /** The label value in metrics, JSON and URLs: {@code quick-verify}, {@code deep-verify}, {@code barman-verify},
     * {@code drill}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
