package dev.rewind.restore;

import dev.rewind.app.AccessRequest;
import dev.rewind.app.ClaimState;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.LeaseRecord;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.SnapshotReadiness;
import dev.rewind.app.VolumeState;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.Workload;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.volsync.ReplicationDestination;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Test support: a {@link ClusterActions} decorator that "crashes" rewind at its {@code crashAt}-th mutation: that call
 * fails before reaching the cluster, and every later call fails too (the process is gone) until {@link #revive()}.
 * Counts mutations so that a test can stop a restore at every boundary.
 */
final class CrashingClusterActions implements ClusterActions {
    private final ClusterActions delegate;
    private final int crashAt;
    private int mutations;
    private boolean dead;

    CrashingClusterActions(ClusterActions delegate, int crashAt) {
        this.delegate = delegate;
        this.crashAt = crashAt;
    }

    int mutations() {
        return mutations;
    }

    boolean crashed() {
        return dead;
    }

    void revive() {
        dead = false;
    }

    private <T> T read(Supplier<T> call) {
        if (dead) {
            throw new RewindException(Reason.UNAVAILABLE, "simulated crash: rewind is gone");
        }
        return call.get();
    }

    private <T> T write(Supplier<T> call) {
        if (dead) {
            throw new RewindException(Reason.UNAVAILABLE, "simulated crash: rewind is gone");
        }
        if (++mutations == crashAt) {
            dead = true;
            throw new RewindException(Reason.UNAVAILABLE, "simulated crash at mutation " + crashAt);
        }
        return call.get();
    }

    private void write(Runnable call) {
        write(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public boolean isAllowed(AccessRequest request) {
        return read(() -> delegate.isAllowed(request));
    }

    @Override
    public void setSuspended(FluxOwnerRef owner, boolean suspended) {
        write(() -> delegate.setSuspended(owner, suspended));
    }

    @Override
    public Optional<Boolean> findSuspended(FluxOwnerRef owner) {
        return read(() -> delegate.findSuspended(owner));
    }

    @Override
    public void requestReconcile(FluxOwnerRef owner, Instant at) {
        write(() -> delegate.requestReconcile(owner, at));
    }

    @Override
    public void setReplicationSourcePaused(String namespace, String name, boolean paused) {
        write(() -> delegate.setReplicationSourcePaused(namespace, name, paused));
    }

    @Override
    public void scale(Workload workload, int replicas) {
        write(() -> delegate.scale(workload, replicas));
    }

    @Override
    public int readyReplicas(Workload workload) {
        return read(() -> delegate.readyReplicas(workload));
    }

    @Override
    public List<String> podsMounting(String namespace, String claimName) {
        return read(() -> delegate.podsMounting(namespace, claimName));
    }

    @Override
    public void ensureCreated(ObjectManifest manifest) {
        write(() -> delegate.ensureCreated(manifest));
    }

    @Override
    public void ensureDeleted(String apiVersion, String kind, String namespace, String name) {
        write(() -> delegate.ensureDeleted(apiVersion, kind, namespace, name));
    }

    @Override
    public boolean exists(String apiVersion, String kind, String namespace, String name) {
        return read(() -> delegate.exists(apiVersion, kind, namespace, name));
    }

    @Override
    public void mergePatch(ObjectManifest patch) {
        write(() -> delegate.mergePatch(patch));
    }

    @Override
    public boolean removeField(String apiVersion, String kind, String namespace, String name, String jsonPointer) {
        return write(() -> delegate.removeField(apiVersion, kind, namespace, name, jsonPointer));
    }

    @Override
    public Optional<VolumeState> findVolume(String name) {
        return read(() -> delegate.findVolume(name));
    }

    @Override
    public void setReclaimPolicy(String volumeName, String policy) {
        write(() -> delegate.setReclaimPolicy(volumeName, policy));
    }

    @Override
    public void releaseClaimRef(String volumeName) {
        write(() -> delegate.releaseClaimRef(volumeName));
    }

    @Override
    public Optional<ReplicationDestination> findReplicationDestination(String namespace, String name) {
        return read(() -> delegate.findReplicationDestination(namespace, name));
    }

    @Override
    public Optional<SnapshotReadiness> findVolumeSnapshot(String namespace, String name) {
        return read(() -> delegate.findVolumeSnapshot(namespace, name));
    }

    @Override
    public Optional<ClaimState> findClaim(String namespace, String name) {
        return read(() -> delegate.findClaim(namespace, name));
    }

    @Override
    public Optional<Map<String, String>> findConfigMap(String namespace, String name) {
        return read(() -> delegate.findConfigMap(namespace, name));
    }

    @Override
    public void putConfigMap(String namespace, String name, Map<String, String> labels, Map<String, String> data) {
        write(() -> delegate.putConfigMap(namespace, name, labels, data));
    }

    @Override
    public Optional<LeaseRecord> findLease(String namespace, String name) {
        return read(() -> delegate.findLease(namespace, name));
    }

    @Override
    public LeaseRecord writeLease(LeaseRecord lease) {
        return write(() -> delegate.writeLease(lease));
    }

    @Override
    public void deleteLease(String namespace, String name) {
        write(() -> delegate.deleteLease(namespace, name));
    }

    @Override
    public Optional<dev.rewind.app.VersionedConfigMap> findVersionedConfigMap(String namespace, String name) {
        return read(() -> delegate.findVersionedConfigMap(namespace, name));
    }

    @Override
    public String writeConfigMap(String namespace, String name, Map<String, String> labels, Map<String, String> data,
                                 Optional<String> resourceVersion) {
        return write(() -> delegate.writeConfigMap(namespace, name, labels, data, resourceVersion));
    }
}
