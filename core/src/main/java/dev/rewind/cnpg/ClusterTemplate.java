package dev.rewind.cnpg;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a recovery copies from a source {@code Cluster.spec} (cnpg-barman.md §7.4 step 2): image, storage,
 * PostgreSQL parameters, resources, superuser settings and the initdb names that {@code bootstrap.recovery} mirrors.
 *
 * @param instances              {@code spec.instances}
 * @param imageName              {@code spec.imageName}; empty = the operator's default image
 * @param storage                {@code spec.storage}
 * @param walStorage             {@code spec.walStorage}
 * @param postgresParameters     {@code spec.postgresql.parameters}
 * @param pgHba                  {@code spec.postgresql.pg_hba}
 * @param resources              {@code spec.resources}: {@code requests} / {@code limits} → resource → quantity
 * @param superuserSecret        {@code spec.superuserSecret.name}
 * @param enableSuperuserAccess  {@code spec.enableSuperuserAccess}
 * @param database               {@code spec.bootstrap.initdb.database} (or of a previous recovery)
 * @param owner                  {@code spec.bootstrap.initdb.owner}
 * @param ownerSecret            {@code spec.bootstrap.initdb.secret.name}
 */
public record ClusterTemplate(int instances, Optional<String> imageName, Optional<StorageConfiguration> storage,
                              Optional<StorageConfiguration> walStorage, Map<String, String> postgresParameters,
                              List<String> pgHba, Map<String, Map<String, String>> resources,
                              Optional<String> superuserSecret, boolean enableSuperuserAccess,
                              Optional<String> database, Optional<String> owner, Optional<String> ownerSecret) {
    public ClusterTemplate {
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(walStorage, "walStorage");
        postgresParameters = Map.copyOf(postgresParameters);
        pgHba = List.copyOf(pgHba);
        resources = Map.copyOf(resources);
        Objects.requireNonNull(superuserSecret, "superuserSecret");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(ownerSecret, "ownerSecret");
    }
}
