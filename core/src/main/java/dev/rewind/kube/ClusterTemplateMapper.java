package dev.rewind.kube;

import dev.rewind.cnpg.ClusterTemplate;
import dev.rewind.cnpg.StorageConfiguration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Maps a CNPG Cluster's spec to the {@link ClusterTemplate} a recovery copies (cnpg-barman.md §1.2, §7.4). */
final class ClusterTemplateMapper {
    private ClusterTemplateMapper() {
    }

    static ClusterTemplate template(GenericKubernetesResource r) {
        ObjectTree spec = new ObjectTree(r.getAdditionalProperties(),
                "Cluster " + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()).child("spec");
        ObjectTree postgresql = spec.child("postgresql");
        Map<String, Map<String, String>> resources = new LinkedHashMap<>();
        for (String part : new String[] {"requests", "limits"}) {
            Map<String, String> quantities = spec.child("resources").stringMap(part);
            if (!quantities.isEmpty()) {
                resources.put(part, quantities);
            }
        }
        ObjectTree bootstrap = spec.child("bootstrap");
        ObjectTree origin = bootstrap.has("initdb") ? bootstrap.child("initdb") : bootstrap.child("recovery");
        return new ClusterTemplate(spec.integer("instances").orElse(1), spec.string("imageName"),
                storage(spec, "storage"), storage(spec, "walStorage"), postgresql.stringMap("parameters"),
                postgresql.strings("pg_hba"), resources, spec.child("superuserSecret").string("name"),
                spec.bool("enableSuperuserAccess", false), origin.string("database"), origin.string("owner"),
                origin.child("secret").string("name"));
    }

    private static Optional<StorageConfiguration> storage(ObjectTree spec, String key) {
        if (!spec.has(key)) {
            return Optional.empty();
        }
        ObjectTree s = spec.child(key);
        return Optional.of(new StorageConfiguration(s.string("size"), s.string("storageClass")));
    }
}
