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
 * @param owned     each location whose owner puts the old host back within seconds or at the reconcile rewind
 *                  requests (an ExternalSecret, a Flux Kustomization, the HelmRelease rendering an env value), with
 *                  that owner: {@link SwitchMode#SECRET} is refused at PLAN when this is not empty
 */
public record ConnectionSwitch(SwitchMode mode, List<HostChange> changes, List<String> warnings,
                               List<String> gitChange, List<ObjectManifest> manifests, List<String> owned) {
    public ConnectionSwitch {
        Objects.requireNonNull(mode, "mode");
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
        gitChange = List.copyOf(gitChange);
        manifests = List.copyOf(manifests);
        owned = List.copyOf(owned);
    }
}
