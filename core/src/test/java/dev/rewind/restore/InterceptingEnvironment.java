package dev.rewind.restore;

import dev.rewind.app.AppEnvironment;
import dev.rewind.app.ConfigKind;
import dev.rewind.app.ConfigSource;
import dev.rewind.app.EnvSource;
import dev.rewind.app.ExternalSecretTemplate;
import dev.rewind.app.ValueLocation;
import dev.rewind.cluster.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Test support: an {@link AppEnvironment} that runs {@code beforeSet} before every value change (to observe the
 * cluster at that moment, or to fail like a lost API server) and {@code beforePoolers} before every listing of a
 * namespace's Poolers, otherwise the delegate.
 */
record InterceptingEnvironment(AppEnvironment delegate, Consumer<ValueLocation> beforeSet,
                               Consumer<String> beforePoolers) implements AppEnvironment {
    InterceptingEnvironment(AppEnvironment delegate, Consumer<ValueLocation> beforeSet) {
        this(delegate, beforeSet, namespace -> { });
    }

    @Override
    public List<EnvSource> environment(Workload workload) {
        return delegate.environment(workload);
    }

    @Override
    public Optional<ConfigSource> findConfigSource(ConfigKind kind, String namespace, String name) {
        return delegate.findConfigSource(kind, namespace, name);
    }

    @Override
    public Map<String, String> poolers(String namespace) {
        beforePoolers.accept(namespace);
        return delegate.poolers(namespace);
    }

    @Override
    public List<ExternalSecretTemplate> externalSecrets(String namespace) {
        return delegate.externalSecrets(namespace);
    }

    @Override
    public Optional<String> findValue(ValueLocation location) {
        return delegate.findValue(location);
    }

    @Override
    public void setValue(ValueLocation location, String value) {
        beforeSet.accept(location);
        delegate.setValue(location, value);
    }
}
