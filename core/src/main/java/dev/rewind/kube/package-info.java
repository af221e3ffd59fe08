/**
 * The Kubernetes adapter: the only package that imports the fabric8 client. {@link dev.rewind.kube.Fabric8ClusterReader}
 * implements {@link dev.rewind.app.ClusterReader}, mapping raw objects to the domain records of
 * {@code dev.rewind.volsync}, {@code dev.rewind.cnpg} and {@code dev.rewind.cluster};
 * {@link dev.rewind.kube.Fabric8ClusterWriter} implements the write/watch ports {@link dev.rewind.app.ClusterWriter}
 * and {@link dev.rewind.app.MoverLogs}; {@link dev.rewind.kube.KubernetesConnection} opens one client for all of
 * them. Client failures are translated into {@link dev.rewind.error.RewindException}s in one place ({@code ApiCall}).
 */
package dev.rewind.kube;
