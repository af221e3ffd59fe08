/**
 * Typed models of the perfectra1n Volsync fork's {@code volsync.backube/v1alpha1} kinds (ReplicationSource,
 * ReplicationDestination, KopiaMaintenance) with the Kopia mover, and the mover's identity rules
 * ({@link dev.rewind.volsync.KopiaIdentity}). Field meanings: volsync.md §1. Values only; no client types.
 */
package dev.rewind.volsync;
