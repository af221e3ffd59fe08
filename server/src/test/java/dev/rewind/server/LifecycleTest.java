package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LifecycleTest {
    @Test
    void phasesMoveOnlyForward() {
        assertThat(Lifecycle.NEW.canMoveTo(Lifecycle.STARTING)).isTrue();
        assertThat(Lifecycle.STARTING.canMoveTo(Lifecycle.READY)).isTrue();
        assertThat(Lifecycle.READY.canMoveTo(Lifecycle.STOPPING)).isTrue();
        assertThat(Lifecycle.STOPPING.canMoveTo(Lifecycle.STOPPED)).isTrue();

        assertThat(Lifecycle.READY.canMoveTo(Lifecycle.STARTING)).isFalse();
        assertThat(Lifecycle.STOPPED.canMoveTo(Lifecycle.STARTING)).isFalse();
        assertThat(Lifecycle.NEW.canMoveTo(Lifecycle.READY)).isFalse();
        for (Lifecycle phase : Lifecycle.values()) {
            assertThat(Lifecycle.STOPPED.canMoveTo(phase)).isFalse();
        }
    }
}
