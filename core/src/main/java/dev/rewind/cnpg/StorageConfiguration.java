package dev.rewind.cnpg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Cluster.spec.storage} / {@code spec.walStorage} (cnpg-barman.md §1.2): the PVC size and storage class.
 *
 * @param size         e.g. {@code 20Gi}
 * @param storageClass e.g. {@code ceph-rbd}; empty = the cluster's default class
 */
public record StorageConfiguration(Optional<String> size, Optional<String> storageClass) {
    public StorageConfiguration {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(storageClass, "storageClass");
    }

    /** The manifest form: {@code {size, storageClass}} with absent fields left out. */
    public Map<String, Object> toManifest() {
        Map<String, Object> out = new LinkedHashMap<>();
        size.ifPresent(s -> out.put("size", s));
        storageClass.ifPresent(s -> out.put("storageClass", s));
        return out;
    }
}
