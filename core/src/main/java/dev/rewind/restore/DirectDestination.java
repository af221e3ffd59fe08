package dev.rewind.restore;

import dev.rewind.app.App;
import dev.rewind.app.ObjectManifest;
import dev.rewind.volsync.KopiaIdentity;
import dev.rewind.volsync.KopiaSourceSpec;
import dev.rewind.volsync.MoverSecurityContext;
import dev.rewind.volsync.MoverVolume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a temporary ReplicationDestination with {@code copyMethod: Direct} restores a pinned snapshot (volsync.md
 * §8.1 row 5a): the in-place restore writes into the app's own claim, a restore drill into a scratch claim in a
 * sandbox namespace. {@link #manifest} builds the RD: the app's Kopia identity spelled out ({@code username},
 * {@code hostname}, and {@code sourceIdentity.sourcePathOverride} for a non-default path, §2.2), {@code restoreAsOf}
 * = the snapshot's exact start time and {@code previous 0} (§2.3), a manual trigger, and the mover settings of the
 * app's ReplicationSource (cache, security context, PVC mover volumes, and the mover service account when the RD is in
 * the app's namespace, where that account exists).
 *
 * @param namespace        the RD's namespace (the repository Secret and the claim must be there)
 * @param name             the RD's name
 * @param claim            {@code destinationPVC}
 * @param repositorySecret the Secret named by {@code kopia.repository}, in {@code namespace}
 * @param labels           labels of the RD
 */
public record DirectDestination(String namespace, String name, String claim, String repositorySecret,
                                Map<String, String> labels) {
    public DirectDestination {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(repositorySecret, "repositorySecret");
        labels = Map.copyOf(labels);
    }

    /** The RD that restores {@code snapshot} of {@code app} when {@code spec.trigger.manual} is {@code tag}. */
    public ObjectManifest manifest(App app, ChosenSnapshot snapshot, String tag) {
        KopiaSourceSpec rs = app.source().kopia();
        KopiaIdentity identity = app.identity();
        Map<String, Object> kopia = new LinkedHashMap<>();
        kopia.put("repository", repositorySecret);
        kopia.put("copyMethod", "Direct");
        kopia.put("destinationPVC", claim);
        kopia.put("username", identity.username());
        kopia.put("hostname", identity.hostname());
        if (!identity.path().equals(KopiaIdentity.DEFAULT_PATH)) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("sourceName", app.name());
            if (!namespace.equals(app.namespace())) {
                source.put("sourceNamespace", app.namespace());
            }
            source.put("sourcePathOverride", identity.path());
            kopia.put("sourceIdentity", source);
        }
        kopia.put("restoreAsOf", snapshot.startTimeText());
        kopia.put("previous", 0);
        kopia.put("enableFileDeletion", true);
        kopia.put("cleanupCachePVC", true);
        rs.cacheCapacity().ifPresent(v -> kopia.put("cacheCapacity", v));
        rs.cacheStorageClassName().ifPresent(v -> kopia.put("cacheStorageClassName", v));
        if (!rs.cacheAccessModes().isEmpty()) {
            kopia.put("cacheAccessModes", rs.cacheAccessModes());
        }
        rs.moverSecurityContext().ifPresent(c -> kopia.put("moverSecurityContext", securityContext(c)));
        if (namespace.equals(app.namespace())) {   // a service account of the app's namespace is not in a sandbox
            rs.moverServiceAccount().ifPresent(v -> kopia.put("moverServiceAccount", v));
        }
        List<Map<String, Object>> volumes = rs.moverVolumes().stream()
                .filter(v -> v.type() == MoverVolume.Type.PERSISTENT_VOLUME_CLAIM && v.claimName().isPresent())
                .map(v -> Map.<String, Object>of("mountPath", v.mountPath(), "volumeSource",
                        Map.of("persistentVolumeClaim", Map.of("claimName", v.claimName().get()))))
                .toList();
        if (!volumes.isEmpty()) {
            kopia.put("moverVolumes", volumes);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("trigger", Map.of("manual", tag));
        spec.put("kopia", kopia);
        return ObjectManifest.of("volsync.backube/v1alpha1", "ReplicationDestination", namespace, name, labels, spec);
    }

    /** The mover security context as a pod-level securityContext map (also used by the restore's counting pod). */
    static Map<String, Object> securityContext(MoverSecurityContext c) {
        Map<String, Object> out = new LinkedHashMap<>();
        c.runAsUser().ifPresent(v -> out.put("runAsUser", v));
        c.runAsGroup().ifPresent(v -> out.put("runAsGroup", v));
        c.fsGroup().ifPresent(v -> out.put("fsGroup", v));
        c.runAsNonRoot().ifPresent(v -> out.put("runAsNonRoot", v));
        return out;
    }
}
