package dev.rewind.kopia;

import dev.rewind.kopia.compression.Decompressors;
import dev.rewind.kopia.pack.PackContentSource;
import dev.rewind.kopia.format.FormatKeyDeriver;
import dev.rewind.kopia.format.RepositoryFormat;
import dev.rewind.kopia.index.ContentIndex;
import dev.rewind.kopia.index.IndexLayout;
import dev.rewind.kopia.manifest.ManifestStore;
import dev.rewind.kopia.object.ObjectReader;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotTree;
import dev.rewind.storage.BlobStore;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Kopia repository opened read-only from a {@link BlobStore} and its password — the facade over the layers
 * storage → format → index → content → object → manifest → snapshot (DESIGN.md §3, kopia-format.md §0).
 *
 * <p>{@link #open} reads the format blob (key derivation, refusing unsupported states with
 * {@code Reason.UNSUPPORTED}), then lists and reads the index blobs once. The manifest catalog is loaded on first
 * use and kept. There is no write path: the store is read-only by type.
 *
 * <p>Thread-safe after {@code open}. Failures: {@code NOT_FOUND} when no repository exists at the location,
 * {@code WRONG_PASSWORD}, {@code UNSUPPORTED}, {@code CORRUPT} naming the damaged blob or content, and the
 * store's own {@code UNAVAILABLE}.
 */
public final class KopiaRepository {
    private static final long MAX_LEGACY_OBJECT_CHUNK_BYTES = 64L << 20;

    private final BlobStore store;
    private final RepositoryFormat format;
    private final PackContentSource contents;
    private final ObjectReader objects;
    private volatile SnapshotCatalog catalog;

    private KopiaRepository(BlobStore store, RepositoryFormat format, ContentIndex index) {
        this.store = store;
        this.format = format;
        this.contents = new PackContentSource(store, index, format.contentCrypto());
        this.objects = new ObjectReader(contents, (object, payload) ->
                Decompressors.decompressSelfDescribed("object " + object, payload, MAX_LEGACY_OBJECT_CHUNK_BYTES));
    }

    /** Opens the repository, deriving the format key with the algorithm its format blob names. */
    public static KopiaRepository open(BlobStore store, char[] password) {
        return open(store, password, FormatKeyDeriver.direct());
    }

    /** As {@link #open(BlobStore, char[])} with an explicit key deriver (tests cache the slow scrypt). */
    public static KopiaRepository open(BlobStore store, char[] password, FormatKeyDeriver deriver) {
        Objects.requireNonNull(store, "store");
        char[] copy = password.clone();
        try {
            RepositoryFormat format = RepositoryFormat.open(store, copy, deriver);
            IndexLayout layout = format.config().formatVersion() == 1
                    ? IndexLayout.LEGACY
                    : IndexLayout.forEpochManager(format.config().epochParameters().enabled());
            ContentIndex index = ContentIndex.load(store, format.contentCrypto()::decryptBlob, layout);
            return new KopiaRepository(store, format, index);
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    public RepositoryFormat format() {
        return format;
    }

    public PackContentSource contents() {
        return contents;
    }

    public ContentIndex index() {
        return contents.index();
    }

    public ObjectReader objects() {
        return objects;
    }

    public SnapshotTree tree() {
        return new SnapshotTree(objects);
    }

    /** Every snapshot manifest of the repository, loaded once (one read per manifest content). */
    public SnapshotCatalog catalog() {
        SnapshotCatalog c = catalog;
        if (c == null) {
            synchronized (this) {
                c = catalog;
                if (c == null) {
                    c = SnapshotCatalog.of(ManifestStore.load(contents));
                    catalog = c;
                }
            }
        }
        return c;
    }

    public BlobStore store() {
        return store;
    }

    /** Where the repository lives, for messages. Never secrets. */
    public String describe() {
        return store.describe();
    }
}
