package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobStore;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A Barman Cloud archive ({@code destinationPath} of a CNPG ObjectStore) read through the read-only {@link BlobStore}
 * port: the store is rooted at the bucket, {@code prefix} is the path part of {@code s3://bucket/prefix}. Layout
 * after cnpg-barman.md §3.1; hand-written, no library reads it.
 *
 * <p>Thread-safe if the store is; it holds no state besides the store and prefix.
 */
public final class BarmanArchive {
    private final BlobStore store;
    private final String prefix;

    private BarmanArchive(BlobStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    /**
     * Opens the archive under {@code prefix} ("" for the bucket root; {@code "a/b"} and {@code "a/b/"} are the same).
     * Nothing is read yet.
     */
    public static BarmanArchive open(BlobStore store, String prefix) {
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (!p.isEmpty() && !p.endsWith("/")) {
            p = p + "/";
        }
        return new BarmanArchive(store, p);
    }

    /**
     * The server names of the archive: folders {@code X/} directly under the prefix holding {@code X/base/} or
     * {@code X/wals/} (§4.2). Streams the whole listing under the prefix once.
     */
    public List<String> servers() {
        var names = new TreeSet<String>();
        try (Stream<BlobMetadata> listing = store.list(prefix)) {
            listing.forEach(blob -> {
                String rest = blob.id().value().substring(prefix.length());
                String[] parts = rest.split("/", 3);
                if (parts.length == 3 && !parts[0].isEmpty() && (parts[1].equals("base") || parts[1].equals("wals"))) {
                    names.add(parts[0]);
                }
            });
        }
        return List.copyOf(names);
    }

    /** The server folder {@code serverName} (CNPG: the plugin's serverName, by default the Cluster name). */
    public BarmanServer server(String serverName) {
        if (serverName == null || serverName.isBlank() || serverName.contains("/")) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid barman server name '" + serverName + "'");
        }
        return new BarmanServer(store, prefix + serverName + "/", serverName);
    }

    /** The server folder, or NOT_FOUND when it holds no object. */
    public BarmanServer getServer(String serverName) {
        BarmanServer server = server(serverName);
        if (!server.exists()) {
            throw new RewindException(Reason.NOT_FOUND, "no barman server '" + serverName + "' in " + describe(),
                    "servers found: " + servers(), null);
        }
        return server;
    }

    public String describe() {
        return store.describe() + (prefix.isEmpty() ? "" : " prefix " + prefix);
    }
}
