package dev.rewind.drill;

import dev.rewind.app.AccessRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The RBAC permissions a drill needs, all in the sandbox namespace (plus the namespace itself when the drill must
 * create it): nothing in the app's namespace beyond what discovery reads. PLAN checks them with
 * {@code SelfSubjectAccessReview}s so a drill that would fail halfway does not start. docs/deploy's ClusterRole
 * grants exactly these.
 */
public final class DrillPermissions {
    private DrillPermissions() {
    }

    /** What a drill in {@code sandbox} needs; with {@code createNamespace} also creating it (never deleting it). */
    public static List<AccessRequest> of(String sandbox, boolean createNamespace) {
        return of(sandbox, createNamespace, false);
    }

    /** What a drill in {@code sandbox} needs, with creating and (afterwards) deleting the namespace as asked. */
    public static List<AccessRequest> of(String sandbox, boolean createNamespace, boolean deleteNamespace) {
        List<AccessRequest> needed = new ArrayList<>();
        if (createNamespace) {
            needed.add(new AccessRequest("create", "", "namespaces", ""));   // cluster-scoped
        }
        if (createNamespace && deleteNamespace) {
            needed.add(new AccessRequest("delete", "", "namespaces", ""));
        }
        // list: the mover's pods are found by label, and each run first sweeps labelled leftovers (DrillSweep)
        for (String verb : List.of("get", "list", "create", "delete")) {
            needed.add(new AccessRequest(verb, "", "secrets", sandbox));
            needed.add(new AccessRequest(verb, "", "persistentvolumeclaims", sandbox));
            needed.add(new AccessRequest(verb, "volsync.backube", "replicationdestinations", sandbox));
            needed.add(new AccessRequest(verb, "", "pods", sandbox));
        }
        needed.add(new AccessRequest("get", "", "pods/log", sandbox));
        return needed;
    }
}
