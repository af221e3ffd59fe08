package dev.rewind.restore.wholeapp;

import dev.rewind.app.AppEnvironment;
import dev.rewind.app.ConfigKind;
import dev.rewind.app.ConfigSource;
import dev.rewind.app.ExternalSecretTemplate;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.ValueLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans the connection switch (see {@link ConnectionSwitch}): each recorded host becomes the new cluster's
 * {@code -rw} service with the same qualification ({@code postgres-rw.postgresql-system.svc.cluster.local} →
 * {@code <new>-rw.postgresql-system.svc.cluster.local}); a Pooler's host too (the new cluster has no Pooler, and
 * it runs one instance, so {@code -ro} would have no endpoints).
 *
 * <p>Who reverts what: a Secret owned by an ExternalSecret (owner reference or {@code reconcile.external-secrets.io/*}
 * metadata, or an ExternalSecret targeting it) is re-rendered by External Secrets within seconds of a change (its
 * data no longer matches the {@code reconcile.external-secrets.io/data-hash} annotation, which the controller
 * watches); a Secret or ConfigMap carrying Flux's {@code kustomize.toolkit.fluxcd.io/name} label is re-applied by the
 * reconcile rewind requests at RESUME; a literal env value is re-rendered by its HelmRelease or Kustomization. Each
 * such location is listed in {@link ConnectionSwitch#owned} (and warned about, with its Git change): switching it in
 * the cluster cannot hold, so {@link SwitchMode#SECRET} is refused for it. Read-only.
 */
public final class ConnectionSwitchPlanner {
    private final AppEnvironment environment;

    public ConnectionSwitchPlanner(AppEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public ConnectionSwitch plan(AppDatabase database, String newCluster, SwitchMode mode) {
        List<HostChange> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> git = new ArrayList<>();
        List<ObjectManifest> manifests = new ArrayList<>();
        List<String> owned = new ArrayList<>();
        Map<String, List<ExternalSecretTemplate>> externalSecrets = new LinkedHashMap<>();
        for (HostReference ref : database.references()) {
            String to = ref.host().withService(newCluster + "-rw");
            HostChange change = new HostChange(ref.location(), ref.host().text(), to);
            if (changes.contains(change)) {
                continue;
            }
            changes.add(change);
            switch (ref.location()) {
                case ValueLocation.SecretKey s -> {
                    Optional<ConfigSource> secret = environment.findConfigSource(ConfigKind.SECRET, s.namespace(),
                            s.name());
                    boolean eso = secret.map(ConfigSource::managedByExternalSecrets).orElse(false);
                    Optional<ExternalSecretTemplate> es = externalSecrets.computeIfAbsent(s.namespace(),
                            environment::externalSecrets).stream().filter(e -> e.targetName().equals(s.name()))
                            .findFirst();
                    if (eso || es.isPresent()) {
                        String owner = "ExternalSecret " + es.map(e -> s.namespace() + "/" + e.name())
                                .orElse("(unknown)");
                        owned.add(s + " (rendered by " + owner + ")");
                        warnings.add(s + " is rendered by " + owner + ": External Secrets puts the old host back"
                                + " within seconds of a change (and on every refresh); only the Git change holds");
                        es.filter(e -> e.templateData().containsKey(s.key())).ifPresentOrElse(e -> {
                            String templated = ServiceHost.replace(e.templateData().get(s.key()), change.fromHost(),
                                    to);
                            git.add("ExternalSecret " + e.namespace() + "/" + e.name() + ": set spec.target.template"
                                    + ".data." + s.key() + " to " + templated);
                            manifests.add(patch("external-secrets.io/v1", "ExternalSecret", e.namespace(),
                                    e.name(), "spec", Map.of("target", Map.of("template", Map.of("data",
                                            Map.of(s.key(), templated))))));
                        }, () -> git.add("the secret store entry behind " + s + ": replace host " + change.fromHost()
                                + " by " + to));
                    } else {
                        fluxWarning(secret, s.toString(), warnings, owned);
                        git.add(s + ": replace host " + change.fromHost() + " by " + to);
                        addKeyPatch(secret, s.key(), change, manifests, "v1", "Secret", "stringData");
                    }
                }
                case ValueLocation.ConfigMapKey m -> {
                    Optional<ConfigSource> map = environment.findConfigSource(ConfigKind.CONFIG_MAP, m.namespace(),
                            m.name());
                    fluxWarning(map, m.toString(), warnings, owned);
                    git.add(m + ": replace host " + change.fromHost() + " by " + to);
                    addKeyPatch(map, m.key(), change, manifests, "v1", "ConfigMap", "data");
                }
                case ValueLocation.EnvVar e -> {
                    owned.add(e + " (rendered by Flux/Helm from Git)");
                    warnings.add(e + " is rendered by Flux/Helm from Git: the next reconcile reverts the switch;"
                            + " commit the Git change");
                    git.add("the HelmRelease values (or manifest) rendering " + e + ": replace host "
                            + change.fromHost() + " by " + to);
                }
            }
        }
        if (mode == SwitchMode.NONE) {
            warnings.add("--switch none: rewind does not change the app's configuration; until the Git change is"
                    + " applied the app keeps using " + database);
        }
        return new ConnectionSwitch(mode, changes, warnings, git, manifests, owned);
    }

    private static void fluxWarning(Optional<ConfigSource> source, String what, List<String> warnings,
                                    List<String> owned) {
        source.map(c -> c.labels().get("kustomize.toolkit.fluxcd.io/name")).ifPresent(ks -> {
            owned.add(what + " (applied by Flux Kustomization " + ks + ")");
            warnings.add(what + " is applied by Flux Kustomization " + ks + ": its reconcile (requested when the app"
                    + " resumes) reverts the switch; commit the Git change");
        });
    }

    private static void addKeyPatch(Optional<ConfigSource> source, String key, HostChange change,
                                    List<ObjectManifest> manifests, String apiVersion, String kind, String field) {
        source.filter(c -> change.fromHost().equals(c.data().get(key))).ifPresent(c -> manifests.add(
                patch(apiVersion, kind, c.namespace(), c.name(), field, Map.of(key, change.toHost()))));
    }

    /** A partial object: metadata plus one top-level field, as a Git change or a merge patch. */
    private static ObjectManifest patch(String apiVersion, String kind, String namespace, String name, String field,
                                        Object value) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", apiVersion);
        document.put("kind", kind);
        document.put("metadata", Map.of("name", name, "namespace", namespace));
        document.put(field, value);
        return new ObjectManifest(apiVersion, kind, namespace, name, document);
    }
}
