package dev.rewind.restore.wholeapp;

import dev.rewind.app.ObjectManifest;
import java.util.List;
import java.util.Objects;

/**
 * The documented switch of an app from its database's cluster to the recovered one.
 *
 * @param mode      whether rewind changes the configuration in the cluster
 * @param changes   every host replaced
 * @param warnings  where a controller will revert the change (External Secrets refresh, Flux or Helm reconcile)
 * @param gitChange the exact change to make in Git so the switch is permanent, one line per place
 * @param manifests patches for a Git commit: the ExternalSecret template, or the Secret/ConfigMap key, with the new
 *                  host (only where the whole value is the host, so no other secret value is ever printed)
 */
public record ConnectionSwitch(SwitchMode mode, List<HostChange> changes, List<String> warnings,
                               List<String> gitChange, List<ObjectManifest> manifests) {
    public ConnectionSwitch {
        Objects.requireNonNull(mode, "mode");
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
        gitChange = List.copyOf(gitChange);
        manifests = List.copyOf(manifests);
    }
}
