package dev.rewind.backup;

import dev.rewind.cluster.NamespaceScope;
import java.util.Objects;
import java.util.Optional;

/** Which apps {@link VolsyncBackup#run(dev.rewind.app.AppDiscovery, BackupSelection, BackupOptions, int, java.util.function.Consumer)} backs up. */
public sealed interface BackupSelection {

    /** One app by its ReplicationSource name; without a namespace the name must be unique in the cluster. */
    record One(String name, Optional<String> namespace) implements BackupSelection {
        public One {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    /** Every app in the scope. */
    record All(NamespaceScope scope) implements BackupSelection {
        public All {
            Objects.requireNonNull(scope, "scope");
        }
    }
}
