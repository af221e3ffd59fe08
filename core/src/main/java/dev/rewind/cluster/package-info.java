/**
 * Plain Kubernetes vocabulary shared by the domain packages ({@code volsync}, {@code cnpg}, {@code app}): conditions,
 * persistent volume claims, workloads and the Flux objects that own them. Values only; no client types (only
 * {@code dev.rewind.kube} talks to the API server).
 */
package dev.rewind.cluster;
