/**
 * Kopia's repository format layer (kopia-format.md §1, §2): the {@code kopia.repository} format blob, password key
 * derivation, the decrypted repository config and {@code kopia.blobcfg}. Entry point:
 * {@link dev.rewind.kopia.format.RepositoryFormat#open}. Read-only.
 */
package dev.rewind.kopia.format;
