package dev.rewind.app;

import java.util.Objects;

/**
 * A StorageClass as a restore needs it.
 *
 * @param name              its name
 * @param provisioner       the CSI driver (or in-tree plugin)
 * @param volumeBindingMode {@code Immediate} (the default) or {@code WaitForFirstConsumer}
 */
public record StorageClassInfo(String name, String provisioner, String volumeBindingMode) {
    public static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

    public StorageClassInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provisioner, "provisioner");
        Objects.requireNonNull(volumeBindingMode, "volumeBindingMode");
    }

    /** Whether a claim binds (and the volume populator runs, volsync.md §4.2 step 1) only once a pod uses it. */
    public boolean waitsForFirstConsumer() {
        return WAIT_FOR_FIRST_CONSUMER.equals(volumeBindingMode);
    }
}
