package dev.rewind.app;

import java.util.Objects;

/** What the API server shows of a controller Deployment (e.g. Volsync's), as PREFLIGHT needs it. */
public sealed interface ControllerAvailability {

    /** The Deployment has at least one ready replica. */
    record Ready(String namespace, String name, int readyReplicas) implements ControllerAvailability {
        public Ready {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }
    }

    /** The Deployment exists but no replica is ready. */
    record NotReady(String namespace, String name, int desiredReplicas) implements ControllerAvailability {
        public NotReady {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }
    }

    /** No such Deployment in any namespace. */
    record Missing() implements ControllerAvailability { }

    /** The caller may not list Deployments cluster-wide; {@code why} says which request was refused. */
    record NotVisible(String why) implements ControllerAvailability {
        public NotVisible {
            Objects.requireNonNull(why, "why");
        }
    }
}
