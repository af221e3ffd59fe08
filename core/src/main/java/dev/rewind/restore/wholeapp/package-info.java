/**
 * Whole-app point-in-time restore: an app's Volsync volume and its CNPG database brought back to one instant T — the
 * volume from the newest snapshot at or before T, the database recovered to T into a new Cluster beside the shared
 * one — with the app's connection switched to the new cluster and a consistency report. Composes
 * {@link dev.rewind.restore} and {@link dev.rewind.pg}; runbook: docs/runbooks/restore-app.md.
 */
package dev.rewind.restore.wholeapp;
