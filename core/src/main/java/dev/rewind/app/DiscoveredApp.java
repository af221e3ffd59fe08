package dev.rewind.app;

import dev.rewind.error.RewindException;
import java.util.Objects;

/** One entry of {@link AppDiscovery#findAll}: an app that resolved, or one whose resolution failed. */
public sealed interface DiscoveredApp {

    String name();

    String namespace();

    /** Everything resolved. */
    record Resolved(App app) implements DiscoveredApp {
        public Resolved {
            Objects.requireNonNull(app, "app");
        }

        @Override
        public String name() {
            return app.name();
        }

        @Override
        public String namespace() {
            return app.namespace();
        }
    }

    /** The RS exists but the app could not be assembled (e.g. its repository Secret is missing). */
    record Unresolved(String name, String namespace, RewindException problem) implements DiscoveredApp {
        public Unresolved {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
