package dev.rewind.backup;

import dev.rewind.error.RewindException;
import java.util.Objects;

/** One app's result in {@link VolsyncBackup#runAll}: confirmed, or failed with the failure it would have thrown. */
public sealed interface BackupOutcome {
    String name();

    String namespace();

    record Succeeded(BackupResult result) implements BackupOutcome {
        public Succeeded {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String name() {
            return result.name();
        }

        @Override
        public String namespace() {
            return result.namespace();
        }
    }

    record Failed(String name, String namespace, RewindException failure) implements BackupOutcome {
        public Failed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(failure, "failure");
        }
    }
}
