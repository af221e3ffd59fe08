/**
 * Applications as rewind sees them: a Volsync ReplicationSource with its PVC, ReplicationDestinations, repository
 * Secret, Kopia identity, the workloads that mount the PVC and the Flux objects that own them. The
 * {@link dev.rewind.app.ClusterReader} port reads the cluster; {@link dev.rewind.app.AppDiscovery} assembles apps.
 */
package dev.rewind.app;
