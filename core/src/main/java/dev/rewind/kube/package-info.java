/**
 * The Kubernetes adapter: the only package that imports the fabric8 client. {@link dev.rewind.kube.Fabric8ClusterReader}
 * implements {@link dev.rewind.app.ClusterReader}, mapping raw objects to the domain records of
 * {@code dev.rewind.volsync}, {@code dev.rewind.cnpg} and {@code dev.rewind.cluster}, and translating client failures
 * into {@link dev.rewind.error.RewindException}s.
 */
package dev.rewind.kube;
