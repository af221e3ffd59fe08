package dev.rewind.app;

import dev.rewind.cluster.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port to the configuration an app's workloads read — their containers' {@code env}/{@code envFrom}, the Secrets and
 * ConfigMaps those name, CNPG Poolers and ExternalSecrets — and the one write the whole-app restore makes to it: a
 * value replaced in place (the connection switch).
 *
 * <p>Contract:
 * <ul>
 *   <li>Reads issue one GET or LIST each; a custom resource kind that is not installed (Pooler, ExternalSecret)
 *       reads as empty.</li>
 *   <li>{@link #setValue} changes exactly one key / env value with a patch sent with field manager
 *       {@value ClusterActions#FIELD_MANAGER}; repeating it is harmless. NOT_FOUND when the object, key or env
 *       variable does not exist.</li>
 *   <li>Values may be secrets: implementations never log them or put them in exception messages.</li>
 *   <li>Failures are {@link dev.rewind.error.RewindException}s as for {@link ClusterActions}. Thread-safe.</li>
 * </ul>
 */
public interface AppEnvironment {

    /** Every env source of the workload's pod template (init containers first, then containers). */
    List<EnvSource> environment(Workload workload);

    /** A Secret or ConfigMap; empty when absent. */
    Optional<ConfigSource> findConfigSource(ConfigKind kind, String namespace, String name);

    /** CNPG Poolers of the namespace: pooler name → {@code spec.cluster.name}. */
    Map<String, String> poolers(String namespace);

    /** ExternalSecrets of the namespace. */
    List<ExternalSecretTemplate> externalSecrets(String namespace);

    /** The current value at {@code location}; empty when the object, key or variable is absent. */
    Optional<String> findValue(ValueLocation location);

    /** Replaces the value at {@code location}. */
    void setValue(ValueLocation location, String value);
}
