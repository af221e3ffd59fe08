package dev.rewind.kopia.index;

import dev.rewind.storage.BlobId;

/**
 * Turns the stored bytes of an index blob ({@code xn…}, {@code xs…}, {@code xr…}, legacy {@code n…}) or of a legacy
 * compaction log ({@code m…}) into its plaintext (kopia-format.md §5.1, §3.2: AEAD with the IV taken from the blob
 * name). Implemented by the crypto layer; {@link ContentIndex} only calls it.
 *
 * <p>Contract: returns the plaintext, or throws a {@link dev.rewind.error.RewindException} (normally
 * {@code CORRUPT}) naming the blob when the bytes do not authenticate. Must be thread-safe: index blobs may be
 * decrypted in parallel.
 */
@FunctionalInterface
public interface IndexBlobDecryptor {
    byte[] decrypt(BlobId id, byte[] stored);
}
