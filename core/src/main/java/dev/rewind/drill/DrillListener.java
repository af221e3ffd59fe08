package dev.rewind.drill;

/** Receives what a drill does, as it happens (front-ends print it to stderr or log it). Must not throw. */
@FunctionalInterface
public interface DrillListener {
    void on(DrillPhase phase, String message);

    static DrillListener none() {
        return (phase, message) -> { };
    }
}
