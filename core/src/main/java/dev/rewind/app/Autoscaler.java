package dev.rewind.app;

import java.util.Objects;
import java.util.Optional;

/** Something that sets a workload's replica count besides Flux (volsync.md §8.0 "Consumers"). */
public sealed interface Autoscaler {
    String namespace();

    String name();

    /**
     * A HorizontalPodAutoscaler ({@code autoscaling/v2}).
     *
     * @param minReplicas {@code spec.minReplicas} (1 when unset); 0 only with the HPAScaleToZero feature
     * @param ownedByKeda created by a KEDA ScaledObject (pausing the ScaledObject covers it)
     */
    record HorizontalPodAutoscaler(String namespace, String name, int minReplicas, boolean ownedByKeda)
            implements Autoscaler {
        public HorizontalPodAutoscaler {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }

        /**
         * Whether it may scale the workload up while rewind holds it at 0. The HPA controller does not act on a
         * target scaled to 0 replicas unless {@code minReplicas} is 0 ("ScalingDisabled"), so only those can.
         */
        public boolean scalesUpFromZero() {
            return minReplicas == 0 && !ownedByKeda;
        }

        @Override
        public String toString() {
            return "HorizontalPodAutoscaler " + namespace + "/" + name;
        }
    }

    /**
     * A KEDA ScaledObject ({@code keda.sh/v1alpha1}).
     *
     * @param pausedReplicas its {@code autoscaling.keda.sh/paused-replicas} annotation, if set
     */
    record ScaledObject(String namespace, String name, Optional<String> pausedReplicas) implements Autoscaler {
        public ScaledObject {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pausedReplicas, "pausedReplicas");
        }

        @Override
        public String toString() {
            return "ScaledObject " + namespace + "/" + name;
        }
    }
}
