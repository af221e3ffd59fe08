package dev.rewind.volsync;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code spec.kopia.sourceIdentity} of a ReplicationDestination (volsync.md §1.3, §2.2).
 *
 * @param sourceName         the ReplicationSource whose snapshots to restore
 * @param sourceNamespace    defaults to the RD's namespace
 * @param sourcePvcName      historical; when set it also disables auto-discovery from the RS
 * @param sourcePathOverride path override; otherwise auto-discovered from the RS
 */
public record SourceIdentity(String sourceName, Optional<String> sourceNamespace, Optional<String> sourcePvcName,
                             Optional<String> sourcePathOverride) {
    public SourceIdentity {
        Objects.requireNonNull(sourceName, "sourceName");
        sourceNamespace = Objects.requireNonNull(sourceNamespace, "sourceNamespace").filter(s -> !s.isEmpty());
        sourcePvcName = Objects.requireNonNull(sourcePvcName, "sourcePvcName").filter(s -> !s.isEmpty());
        sourcePathOverride = Objects.requireNonNull(sourcePathOverride, "sourcePathOverride");
    }

    public static SourceIdentity of(String sourceName) {
        return new SourceIdentity(sourceName, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
