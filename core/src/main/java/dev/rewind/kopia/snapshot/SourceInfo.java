package dev.rewind.kopia.snapshot;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a snapshot was taken of (kopia-format.md §6.3; kopia: {@code snapshot/source.go}): a user name, a host name
 * and a path, written {@code user@host:path}. Volsync's Kopia mover names its sources
 * {@code <sanitised RS name>@<sanitised namespace>:/data} (volsync.md §2.1), e.g. {@code paperless-ngx@default:/data}.
 *
 * <p>Parsing follows kopia's rule exactly: the user name ends at the <em>first</em> {@code @}, the host at the first
 * {@code :} after it, and the path is everything after that colon — so paths may contain {@code @} and {@code :}
 * (Windows paths such as {@code C:\data} included), while user and host names cannot contain {@code :}. A text with
 * {@code @} but no {@code :} is {@code user@host} with an empty path. Bare local paths, which kopia resolves against
 * the local machine, are rejected: a reader has no local client identity.
 *
 * @param userName the user name ({@code userName} in JSON); may be empty
 * @param host the host name
 * @param path the path; may be empty
 */
public record SourceInfo(String userName, String host, String path) implements Comparable<SourceInfo> {

    public SourceInfo {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
    }

    /** Parses {@code user@host:path} or {@code user@host} as kopia does. */
    public static SourceInfo parse(String text) {
        if (text == null) {
            throw new RewindException(Reason.INVALID_INPUT, "missing snapshot source");
        }
        int at = text.indexOf('@');
        int colon = text.indexOf(':');
        if (at > 0 && colon > 0 && at < colon) {
            return new SourceInfo(text.substring(0, at), text.substring(at + 1, colon), text.substring(colon + 1));
        }
        if (at >= 0 && colon < 0 && at + 1 < text.length()) {
            return new SourceInfo(text.substring(0, at), text.substring(at + 1), "");
        }
        throw new RewindException(Reason.INVALID_INPUT, "invalid snapshot source '" + text
                + "': expected user@host:path", "list the sources with 'rewind snapshots'", null);
    }

    /**
     * The labels kopia puts on this source's snapshot manifests ({@code type=snapshot}, {@code hostname},
     * {@code username}, {@code path}; username and path are omitted when empty — kopia-format.md §6.1).
     */
    public Map<String, String> snapshotLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("type", "snapshot");
        labels.put("hostname", host);
        if (!userName.isEmpty()) {
            labels.put("username", userName);
        }
        if (!path.isEmpty()) {
            labels.put("path", path);
        }
        return labels;
    }

    /** Sources order as kopia lists them: by their text form. */
    @Override
    public int compareTo(SourceInfo other) {
        return toString().compareTo(other.toString());
    }

    /** {@code user@host:path}, {@code user@host} without a path, {@code (global)} when everything is empty. */
    @Override
    public String toString() {
        if (userName.isEmpty() && host.isEmpty() && path.isEmpty()) {
            return "(global)";
        }
        return path.isEmpty() ? userName + "@" + host : userName + "@" + host + ":" + path;
    }
}
