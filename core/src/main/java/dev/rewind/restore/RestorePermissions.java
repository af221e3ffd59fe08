package dev.rewind.restore;

import dev.rewind.app.AccessRequest;
import dev.rewind.app.App;
import dev.rewind.cluster.FluxKind;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.Workload;
import dev.rewind.cluster.WorkloadKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Every verb/resource a restore of an app will use, so PREFLIGHT can refuse before anything is touched. */
final class RestorePermissions {
    private RestorePermissions() {
    }

    static List<AccessRequest> of(App app, List<FluxOwnerRef> flux, RestoreMode mode, boolean safetySnapshot) {
        String ns = app.namespace();
        LinkedHashSet<AccessRequest> needed = new LinkedHashSet<>();
        for (String verb : List.of("get", "patch")) {
            needed.add(new AccessRequest(verb, "volsync.backube", "replicationsources", ns));
        }
        for (String verb : List.of("get", "create", "delete")) {
            needed.add(new AccessRequest(verb, "volsync.backube", "replicationdestinations", ns));
        }
        for (FluxOwnerRef owner : flux) {
            boolean ks = owner.kind() == FluxKind.KUSTOMIZATION;
            for (String verb : List.of("get", "patch")) {
                needed.add(new AccessRequest(verb, ks ? "kustomize.toolkit.fluxcd.io" : "helm.toolkit.fluxcd.io",
                        ks ? "kustomizations" : "helmreleases", owner.namespace()));
            }
        }
        for (Workload w : app.workloads()) {
            String resource = w.kind() == WorkloadKind.DEPLOYMENT ? "deployments" : "statefulsets";
            for (String verb : List.of("get", "patch")) {
                needed.add(new AccessRequest(verb, "apps", resource, ns));
            }
        }
        needed.add(new AccessRequest("list", "", "pods", ns));
        for (String verb : List.of("get", "create", "delete")) {
            needed.add(new AccessRequest(verb, "", "persistentvolumeclaims", ns));
        }
        if (safetySnapshot) {
            for (String verb : List.of("get", "create")) {
                needed.add(new AccessRequest(verb, "snapshot.storage.k8s.io", "volumesnapshots", ns));
            }
        }
        for (String verb : List.of("get", "create", "update", "delete")) {
            needed.add(new AccessRequest(verb, "", "configmaps", ns));
            needed.add(new AccessRequest(verb, "coordination.k8s.io", "leases", ns));
        }
        if (mode == RestoreMode.REPLACE) {
            needed.add(new AccessRequest("patch", "volsync.backube", "replicationdestinations", ns));
            needed.add(new AccessRequest("get", "", "persistentvolumes", ""));
            needed.add(new AccessRequest("patch", "", "persistentvolumes", ""));
        }
        return new ArrayList<>(needed);
    }
}
