/**
 * PostgreSQL (CloudNativePG + Barman Cloud plugin) workflows: locate a cluster's Barman archive
 * ({@link dev.rewind.pg.ArchiveLocator}), plan a point-in-time recovery into a new Cluster
 * ({@link dev.rewind.pg.RecoveryPlanner}), apply it ({@link dev.rewind.pg.RecoveryExecutor}) and take on-demand
 * plugin backups ({@link dev.rewind.pg.PgBackup}). Facts: cnpg-barman.md §2, §4.8, §7.4.
 */
package dev.rewind.pg;
