package dev.rewind.drill;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the operator (or the schedule) asked for.
 *
 * @param app              the application (ReplicationSource) name
 * @param namespace        its namespace, or empty to search all namespaces
 * @param selection        which snapshot
 * @param sandboxNamespace where the drill works
 * @param checkCommand     a shell command run in the checker pod with the restored volume at {@code /data}
 *                         (read-only); its exit status decides
 * @param timeout          overrides the size-based deadline of the RESTORE phase
 * @param namespacePolicy  whether the drill may create the sandbox namespace and delete it again
 */
public record DrillRequest(String app, Optional<String> namespace, DrillSelection selection, String sandboxNamespace,
                           Optional<String> checkCommand, Optional<Duration> timeout,
                           SandboxNamespacePolicy namespacePolicy) {
    /** The default sandbox namespace. */
    public static final String DEFAULT_SANDBOX = "rewind-drills";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** @throws RewindException INVALID_INPUT for a sandbox namespace that is not a DNS label, a non-positive timeout */
    public DrillRequest {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(sandboxNamespace, "sandboxNamespace");
        Objects.requireNonNull(checkCommand, "checkCommand");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(namespacePolicy, "namespacePolicy");
        if (!DNS_LABEL.matcher(sandboxNamespace).matches()) {
            throw new RewindException(Reason.INVALID_INPUT, "sandbox namespace '" + sandboxNamespace
                    + "' is not a valid namespace name (lower-case DNS label)");
        }
        if (timeout.filter(t -> t.isNegative() || t.isZero()).isPresent()) {
            throw new RewindException(Reason.INVALID_INPUT, "timeout must be positive, got " + timeout.get());
        }
        checkCommand = checkCommand.filter(c -> !c.isBlank());
    }

    /** A request whose sandbox namespace is created if absent and kept ({@link SandboxNamespacePolicy}). */
    public DrillRequest(String app, Optional<String> namespace, DrillSelection selection, String sandboxNamespace,
                        Optional<String> checkCommand, Optional<Duration> timeout) {
        this(app, namespace, selection, sandboxNamespace, checkCommand, timeout,
                SandboxNamespacePolicy.CREATE_IF_ABSENT);
    }

    /** A drill of {@code app} in {@code namespace} with the given selection and defaults otherwise. */
    public static DrillRequest of(String app, String namespace, DrillSelection selection) {
        return new DrillRequest(app, Optional.of(namespace), selection, DEFAULT_SANDBOX, Optional.empty(),
                Optional.empty());
    }

    public DrillRequest withCheckCommand(String command) {
        return new DrillRequest(app, namespace, selection, sandboxNamespace, Optional.of(command), timeout,
                namespacePolicy);
    }

    public DrillRequest withTimeout(Duration value) {
        return new DrillRequest(app, namespace, selection, sandboxNamespace, checkCommand, Optional.of(value),
                namespacePolicy);
    }

    public DrillRequest withSandboxNamespace(String value) {
        return new DrillRequest(app, namespace, selection, value, checkCommand, timeout, namespacePolicy);
    }

    public DrillRequest withNamespacePolicy(SandboxNamespacePolicy value) {
        return new DrillRequest(app, namespace, selection, sandboxNamespace, checkCommand, timeout, value);
    }
}
