package dev.rewind.drill;

import dev.rewind.app.ClusterActions;
import dev.rewind.app.MoverLogs;
import dev.rewind.app.SandboxActions;
import dev.rewind.pg.Poller;
import java.time.Clock;
import java.util.Objects;

/**
 * What a {@link DrillRun} works with: the write ports of the sandbox, the mover/pod logs, time and waiting, the
 * settings and the progress listener. One instance serves every run of a {@link DrillService}.
 */
record DrillPorts(ClusterActions cluster, SandboxActions sandbox, MoverLogs logs, Clock clock, Poller poller,
                  DrillSettings settings, DrillListener listener) {
    DrillPorts {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(poller, "poller");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
    }
}
