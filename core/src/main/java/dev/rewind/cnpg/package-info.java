/**
 * Typed models of the CloudNativePG kinds ({@code postgresql.cnpg.io/v1} Cluster, Backup, ScheduledBackup) and the
 * Barman Cloud plugin's {@code barmancloud.cnpg.io/v1} ObjectStore (cnpg-barman.md §1, §7.1). Only the fields of §1
 * are mapped; unknown fields are ignored because the CRDs evolve. Values only; no client types.
 */
package dev.rewind.cnpg;
