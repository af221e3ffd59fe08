/**
 * Kopia's content cryptography (kopia-format.md §3): content/blob AEAD
 * ({@link dev.rewind.kopia.crypto.ContentCrypto}), keyed content hashes ({@link dev.rewind.kopia.crypto.HashAlgorithm})
 * and HKDF. ECC (§4.10) is not implemented: repositories with ECC are refused by the format layer.
 */
package dev.rewind.kopia.crypto;
