/**
 * Restore drills: prove that a backup can really be restored, without touching the app. A drill restores a pinned
 * Kopia snapshot through a temporary ReplicationDestination ({@code copyMethod: Direct}) into a scratch claim in a
 * sandbox namespace, counts what arrived with a short-lived checker pod, compares it with the snapshot's root
 * directory summary, measures the time to restore, and always cleans up ({@link dev.rewind.drill.DrillService}).
 */
package dev.rewind.drill;
