package dev.rewind.drill;

import dev.rewind.app.ObjectManifest;
import dev.rewind.volsync.MoverSecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The short-lived pod of the CHECK phase: it mounts the scratch claim read-only at {@code /data} and prints, on
 * lines of its own,
 * <pre>
 * rewind-drill files=&lt;regular files&gt;
 * rewind-drill bytes=&lt;sum of their apparent sizes&gt;
 * rewind-drill check-exit=&lt;exit status of the check command&gt;   (only with a check command)
 * </pre>
 * {@code lost+found} (created by mkfs on a fresh ext4 volume) is not counted. The sizes are apparent sizes
 * ({@code stat -c %s}), which do not depend on the filesystem's block accounting, so they must equal the Kopia
 * directory summary's {@code size} exactly. The check command runs with {@code sh -c} in {@code /data} from the
 * environment variable {@code CHECK_COMMAND} (never spliced into the script). {@code set -o pipefail} (busybox ash
 * and bash support it) makes a {@code find} that could not read a directory end the script with
 * {@link #UNREADABLE_EXIT} instead of printing a short count. The pod runs as the mover's user and group (the restored
 * files belong to them), never restarts, and exits non-zero only if counting itself failed.
 *
 * <p>Security (Pod Security "restricted" wherever the mover's context allows it): no privilege escalation, every
 * capability dropped, the RuntimeDefault seccomp profile, a read-only root filesystem (the script writes nothing), and
 * {@code runAsNonRoot: true} when the mover runs as a non-root user (a non-zero {@code runAsUser} or its own
 * {@code runAsNonRoot: true}). Without a mover security context the checker keeps the image's user, as the mover did,
 * so it can read what the mover wrote; such a sandbox needs the "baseline" level.
 */
public final class CheckerPod {
    /** The container whose log is read. */
    public static final String CONTAINER = "check";
    static final String MARKER = "rewind-drill ";
    /** The checker's exit status when {@code find} failed (an unreadable directory): the count is incomplete. */
    static final int UNREADABLE_EXIT = 3;
    static final String SCRIPT = """
            set -u
            set -o pipefail
            cd /data || exit 2
            files=$(find . -path ./lost+found -prune -o -type f -print | wc -l) || exit 3
            bytes=$(find . -path ./lost+found -prune -o -type f -exec stat -c %s {} + \\
              | awk '{ s += $1 } END { printf "%.0f", s }') || exit 3
            echo "rewind-drill files=$files"
            echo "rewind-drill bytes=$bytes"
            if [ -n "${CHECK_COMMAND:-}" ]; then
              sh -c "$CHECK_COMMAND"
              echo "rewind-drill check-exit=$?"
            fi
            """;

    private CheckerPod() {
    }

    /** The pod manifest. */
    static ObjectManifest manifest(String namespace, DrillNames names, String image,
                                   Optional<MoverSecurityContext> securityContext, Optional<String> checkCommand) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", CONTAINER);
        container.put("image", image);
        container.put("command", List.of("sh", "-c", SCRIPT));
        checkCommand.ifPresent(c -> container.put("env", List.of(Map.of("name", "CHECK_COMMAND", "value", c))));
        container.put("volumeMounts", List.of(Map.of("name", "data", "mountPath", "/data", "readOnly", true),
                Map.of("name", "tmp", "mountPath", "/tmp")));   // a writable /tmp for the check command
        container.put("securityContext", Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
                "capabilities", Map.of("drop", List.of("ALL"))));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("restartPolicy", "Never");
        Map<String, Object> context = new LinkedHashMap<>();
        securityContext.ifPresent(c -> {
            c.runAsUser().ifPresent(v -> context.put("runAsUser", v));
            c.runAsGroup().ifPresent(v -> context.put("runAsGroup", v));
            boolean nonRootUser = c.runAsUser().isPresent() && c.runAsUser().getAsLong() != 0;
            if (nonRootUser || c.runAsNonRoot().orElse(false)) {
                context.put("runAsNonRoot", true);
            } else {
                c.runAsNonRoot().ifPresent(v -> context.put("runAsNonRoot", v));
            }
        });
        context.put("seccompProfile", Map.of("type", "RuntimeDefault"));
        spec.put("securityContext", context);
        spec.put("containers", List.of(container));
        spec.put("volumes", List.of(Map.of("name", "data", "persistentVolumeClaim",
                Map.of("claimName", names.claim(), "readOnly", true)), Map.of("name", "tmp", "emptyDir", Map.of())));
        return ObjectManifest.of("v1", "Pod", namespace, names.checker(), names.labels(), spec);
    }

    /**
     * What the checker printed.
     *
     * @param counts           files and bytes, when both lines were printed
     * @param checkCommandExit the check command's exit status, when one ran
     */
    record Report(Optional<DrillCounts> counts, OptionalInt checkCommandExit) {
    }

    /** Parses the marker lines of the checker's log; other lines (the check command's output) are ignored. */
    static Report parse(String log) {
        OptionalLong files = OptionalLong.empty();
        OptionalLong bytes = OptionalLong.empty();
        OptionalInt exit = OptionalInt.empty();
        for (String line : log.lines().map(String::strip).toList()) {
            if (!line.startsWith(MARKER)) {
                continue;
            }
            String[] pair = line.substring(MARKER.length()).split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            try {
                switch (pair[0]) {
                    case "files" -> files = OptionalLong.of(Long.parseLong(pair[1].strip()));
                    case "bytes" -> bytes = OptionalLong.of(Long.parseLong(pair[1].strip()));
                    case "check-exit" -> exit = OptionalInt.of(Integer.parseInt(pair[1].strip()));
                    default -> { }
                }
            } catch (NumberFormatException e) {
                // a garbled line counts as missing
            }
        }
        Optional<DrillCounts> counts = files.isPresent() && bytes.isPresent()
                ? Optional.of(new DrillCounts(files.getAsLong(), bytes.getAsLong())) : Optional.empty();
        return new Report(counts, exit);
    }
}
