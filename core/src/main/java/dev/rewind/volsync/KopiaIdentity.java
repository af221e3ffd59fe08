package dev.rewind.volsync;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kopia snapshot source {@code user@host:path} under which the Volsync Kopia mover writes (RS) or looks for (RD)
 * snapshots.
 *
 * <p>Hand-written reproduction of the perfectra1n fork's rules (v0.17.11, builder.go; volsync.md §2.1, §2.2):
 * <ul>
 *   <li><b>RS username</b> = {@code kopia.username} as-is; else the RS name sanitised for usernames (keep
 *       {@code [A-Za-z0-9_-]}, drop the rest, trim leading/trailing {@code -} and {@code _}, then truncate to 50
 *       characters); empty → {@code volsync-default}. The namespace is not appended.</li>
 *   <li><b>RS hostname</b> = {@code kopia.hostname} as-is; else the namespace sanitised for hostnames (keep
 *       {@code [A-Za-z0-9.-]}, {@code _} → {@code -}, trim {@code -} and {@code .}); else the RS name sanitised the
 *       same way; else {@code volsync-default}. The PVC name plays no part.</li>
 *   <li><b>path</b> = {@code sourcePathOverride}, else {@code /data}.</li>
 *   <li><b>RD</b>: explicit {@code username} and {@code hostname} (both or neither); else from
 *       {@code sourceIdentity} (username from {@code sourceName}, hostname from {@code sourceNamespace} defaulting
 *       to the RD's namespace, falling back to {@code sourceName}); else the RD's own name and namespace. The path
 *       is {@code sourceIdentity.sourcePathOverride}, else — only when the hostname is derived through
 *       {@code sourceIdentity} without {@code sourcePVCName} — the live RS's {@code sourcePathOverride}, else
 *       {@code /data}.</li>
 * </ul>
 * Snapshots written by fork builds before about 2025-08-11 used other schemes (§2.1 "History"); callers that find
 * nothing under the derived identity should list the repository's sources instead of assuming.
 *
 * @param username Kopia user name
 * @param hostname Kopia host name
 * @param path     snapshot source path
 */
public record KopiaIdentity(String username, String hostname, String path) {
    /** Volsync's fallback for an empty username or hostname. */
    public static final String DEFAULT_NAME = "volsync-default";
    /** The path the mover snapshots and the RD searches by default. */
    public static final String DEFAULT_PATH = "/data";
    /** Maximum length of a derived username. */
    public static final int MAX_USERNAME_LENGTH = 50;

    public KopiaIdentity {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(path, "path");
        if (username.isEmpty() || hostname.isEmpty() || path.isEmpty()) {
            throw new IllegalArgumentException("identity parts must not be empty: " + username + "@" + hostname + ":" + path);
        }
    }

    /** Identity of a ReplicationSource (§2.1). */
    public static KopiaIdentity forSource(ReplicationSource source) {
        KopiaSourceSpec kopia = source.kopia();
        String username = kopia.username().orElseGet(() -> deriveUsername(source.name()));
        String hostname = kopia.hostname().orElseGet(() -> deriveHostname(source.namespace(), source.name()));
        String path = kopia.sourcePathOverride().orElse(DEFAULT_PATH);
        return new KopiaIdentity(username, hostname, path);
    }

    /**
     * Identity a ReplicationDestination restores from (§2.2).
     *
     * @param destination the RD
     * @param source      the live RS named by {@code sourceIdentity} (in {@code sourceNamespace}), if it exists; the
     *                    controller auto-discovers its {@code sourcePathOverride}
     * @throws RewindException INVALID_INPUT when exactly one of {@code username}/{@code hostname} is set — Volsync
     *                         rejects that RD ("no matching mover found")
     */
    public static KopiaIdentity forDestination(ReplicationDestination destination, Optional<ReplicationSource> source) {
        KopiaDestinationSpec kopia = destination.kopia();
        if (kopia.username().isPresent() != kopia.hostname().isPresent()) {
            throw new RewindException(Reason.INVALID_INPUT, "ReplicationDestination " + destination.namespace() + "/"
                    + destination.name() + " sets only one of kopia.username and kopia.hostname; Volsync requires both or neither");
        }
        Optional<SourceIdentity> sourceIdentity = kopia.sourceIdentity();
        String username = kopia.username().orElseGet(() ->
                deriveUsername(sourceIdentity.map(SourceIdentity::sourceName).orElse(destination.name())));
        String hostname;
        Optional<String> pathOverride = Optional.empty();
        if (kopia.hostname().isPresent()) {
            hostname = kopia.hostname().get();
        } else if (sourceIdentity.isPresent()) {
            SourceIdentity si = sourceIdentity.get();
            String sourceNamespace = si.sourceNamespace().orElse(destination.namespace());
            hostname = deriveHostname(sourceNamespace, si.sourceName());
            pathOverride = si.sourcePathOverride();
            if (si.sourcePvcName().isEmpty() && pathOverride.isEmpty()) {
                pathOverride = source
                        .filter(rs -> rs.name().equals(si.sourceName()) && rs.namespace().equals(sourceNamespace))
                        .flatMap(rs -> rs.kopia().sourcePathOverride());
            }
        } else {
            hostname = deriveHostname(destination.namespace(), destination.name());
        }
        return new KopiaIdentity(username, hostname, pathOverride.filter(p -> !p.isEmpty()).orElse(DEFAULT_PATH));
    }

    /** Username derived from an object name: sanitise, trim, truncate to 50; empty → {@code volsync-default}. */
    public static String deriveUsername(String objectName) {
        StringBuilder kept = new StringBuilder();
        for (char c : objectName.toCharArray()) {
            if (isAsciiAlnum(c) || c == '-' || c == '_') {
                kept.append(c);
            }
        }
        String trimmed = trim(kept.toString(), "-_");
        if (trimmed.isEmpty()) {
            return DEFAULT_NAME;
        }
        return trimmed.length() > MAX_USERNAME_LENGTH ? trimmed.substring(0, MAX_USERNAME_LENGTH) : trimmed;
    }

    /** Hostname derived from a namespace, falling back to the object name, then {@code volsync-default}. */
    public static String deriveHostname(String namespace, String objectName) {
        String fromNamespace = sanitiseHostname(namespace);
        if (!fromNamespace.isEmpty()) {
            return fromNamespace;
        }
        String fromName = sanitiseHostname(objectName);
        return fromName.isEmpty() ? DEFAULT_NAME : fromName;
    }

    /** Keep {@code [A-Za-z0-9.-]}, turn {@code _} into {@code -}, drop the rest, trim {@code -} and {@code .}. */
    static String sanitiseHostname(String input) {
        StringBuilder kept = new StringBuilder();
        for (char c : input.toCharArray()) {
            if (isAsciiAlnum(c) || c == '-' || c == '.') {
                kept.append(c);
            } else if (c == '_') {
                kept.append('-');
            }
        }
        return trim(kept.toString(), "-.");
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String trim(String s, String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Parses {@code user@host:path} as kopia prints a snapshot source. The user ends at the first {@code @}, the host
     * at the first {@code :} after it (Volsync usernames and hostnames contain neither).
     *
     * @throws RewindException INVALID_INPUT naming the text when a part is missing
     */
    public static KopiaIdentity parse(String text) {
        int at = text.indexOf('@');
        int colon = at < 0 ? -1 : text.indexOf(':', at + 1);
        if (at <= 0 || colon < 0 || colon == at + 1 || colon == text.length() - 1) {
            throw new RewindException(Reason.INVALID_INPUT, "not a Kopia source 'user@host:path': '" + text + "'");
        }
        return new KopiaIdentity(text.substring(0, at), text.substring(at + 1, colon), text.substring(colon + 1));
    }

    /** {@code user@host}, as {@code kopia repository set-client} takes it. */
    public String userAtHost() {
        return username + "@" + hostname;
    }

    /** {@code user@host:path}, as {@code kopia snapshot list} takes it. */
    @Override
    public String toString() {
        return username + "@" + hostname + ":" + path;
    }
}
