/**
 * {@code rewind status}: one read-only pass over the cluster (one LIST per kind) and the Kopia repositories (each
 * read once, in parallel with a small pool), reporting per app how fresh its newest snapshot really is and what was
 * left behind (manual triggers, restore selectors, paused sources, suspended Flux objects), and per CNPG cluster its
 * backup and archiving state.
 */
package dev.rewind.status;
