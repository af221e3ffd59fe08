package dev.rewind.app;

import java.util.List;

/**
 * Port to the pods of Volsync mover Jobs and their logs (volsync.md §4.5: pods {@code <job>-<random>} labelled
 * {@code job-name=<job>}, container {@code kopia}).
 *
 * <p>Contract: {@link #findPods} is one LIST with a label selector; {@link #readLog} one GET of the log
 * subresource. A pod that vanished between the two yields an empty log, not an error (movers are deleted after they
 * finish). Failures are {@link dev.rewind.error.RewindException}s ({@code UNAVAILABLE} with an RBAC hint naming
 * {@code pods/log} on 403). Thread-safe.
 */
public interface MoverLogs {

    /** Names of the pods of Job {@code jobName} in {@code namespace}, oldest first. */
    List<String> findPods(String namespace, String jobName);

    /** The whole current log of one container of a pod; empty when the pod is gone or has not started. */
    String readLog(String namespace, String pod, String container);
}
