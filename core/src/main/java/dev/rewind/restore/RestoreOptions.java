package dev.rewind.restore;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Optional behaviour of a restore beyond the snapshot choice.
 *
 * @param verify            after RESUME, count the files in the restored claim and compare them with the snapshot
 * @param dataPath          with {@code verify}: compare the directory at this path (relative to the volume root)
 *                          instead of the whole volume; normalised without leading/trailing slashes
 * @param follow            stream the restore mover's log lines as progress notes while RESTORE waits
 * @param ignoreAutoscalers restore although a HorizontalPodAutoscaler with {@code minReplicas: 0} may scale the
 *                          workload up during the restore
 * @throws RewindException INVALID_INPUT for a data path without {@code verify}, or one that is not a plain relative
 *                         path (no {@code ..}, no quotes or control characters)
 */
public record RestoreOptions(boolean verify, Optional<String> dataPath, boolean follow, boolean ignoreAutoscalers) {
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._@+=, /-]+");

    public RestoreOptions {
        Objects.requireNonNull(dataPath, "dataPath");
        if (dataPath.isPresent()) {
            String raw = dataPath.get();
            if (!verify) {
                throw new RewindException(Reason.INVALID_INPUT, "--data-path " + raw + " needs --verify");
            }
            if (!SAFE_PATH.matcher(raw).matches() || ("/" + raw + "/").contains("/../")) {
                throw new RewindException(Reason.INVALID_INPUT, "--data-path '" + raw.replaceAll("\\p{Cntrl}", "?")
                        + "' is not a plain path inside the volume (letters, digits, . _ @ + = , - / and spaces;"
                        + " no '..')");
            }
            String trimmed = raw.replaceAll("^/+", "").replaceAll("/+$", "").replaceAll("/+", "/");
            dataPath = trimmed.isEmpty() || trimmed.equals(".") ? Optional.empty() : Optional.of(trimmed);
        }
    }

    /** No verification, no log streaming, autoscalers respected. */
    public static RestoreOptions none() {
        return new RestoreOptions(false, Optional.empty(), false, false);
    }
}
