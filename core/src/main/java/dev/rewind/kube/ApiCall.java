package dev.rewind.kube;

import dev.rewind.cluster.NamespaceScope;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one fabric8 request and translates its failure into a {@link RewindException} naming the verb, the resource
 * and the scope (the table is in {@link Fabric8ClusterReader}'s Javadoc; 403 carries an RBAC hint with the
 * {@code kubectl auth can-i} command). Shared by the reader and the writer adapters.
 */
final class ApiCall {
    private final KubernetesClient client;

    ApiCall(KubernetesClient client) {
        this.client = client;
    }

    private String masterUrl() {
        return String.valueOf(client.getMasterUrl());
    }

    <T> T call(String verb, ResourceKind kind, NamespaceScope scope, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (KubernetesClientException e) {
            throw translate(e, verb, kind, scope);
        }
    }

    private RewindException translate(KubernetesClientException e, String verb, ResourceKind kind,
                                      NamespaceScope scope) {
        String where = switch (scope) {
            case NamespaceScope.AllNamespaces all -> "all namespaces";
            case NamespaceScope.Namespace ns -> "namespace " + ns.name();
        };
        if (isInterrupted(e)) {
            Thread.currentThread().interrupt();
            return new RewindException(Reason.INTERRUPTED, "interrupted while waiting to " + verb + " "
                    + kind.resource() + " in " + where, e);
        }
        if (isUnreachable(e)) {
            return new RewindException(Reason.UNAVAILABLE, "cannot reach the Kubernetes API server at " + masterUrl(),
                    "check the kubeconfig context (--context) and that the API server is reachable from here", e);
        }
        int code = e.getCode();
        return switch (code) {
            case 401 -> new RewindException(Reason.UNAVAILABLE, "unauthorized: the Kubernetes API server at "
                    + masterUrl() + " rejected the credentials to " + verb + " " + kind.resource() + " in " + where,
                    "refresh the kubeconfig credentials (e.g. an expired token or client certificate)", e);
            case 403 -> new RewindException(Reason.UNAVAILABLE, "forbidden: " + verb + " " + kind.resource() + " in "
                    + where, "grant the identity RBAC permission to " + verb + " " + kind.resource()
                    + (scope instanceof NamespaceScope.AllNamespaces ? " cluster-wide (a ClusterRole)" : " in that namespace")
                    + "; check with: kubectl auth can-i " + verb + " " + kind.resource()
                    + (scope instanceof NamespaceScope.Namespace ns ? " -n " + ns.name() : " -A"), e);
            case 404 -> kind.isCustom()
                    ? new RewindException(Reason.NOT_FOUND, "the CustomResourceDefinition " + kind.resource()
                    + " is not installed (" + kind.product() + "); cannot " + verb + " " + kind.kind()
                    + " objects", "install " + kind.product() + " or point --context at the right cluster", e)
                    : new RewindException(Reason.NOT_FOUND, "the Kubernetes API server has no " + kind.resource()
                    + " resource (" + verb + " in " + where + ")", null, e);
            default -> code >= 500 || code == 0 || code == 429
                    ? new RewindException(Reason.UNAVAILABLE, "the Kubernetes API server at " + masterUrl()
                    + " failed to " + verb + " " + kind.resource() + " in " + where + " (HTTP " + code + ")",
                    "retry later", e)
                    : new RewindException(Reason.INTERNAL, "unexpected HTTP " + code + " from the Kubernetes API"
                    + " server to " + verb + " " + kind.resource() + " in " + where, null, e);
        };
    }

    private static boolean isInterrupted(KubernetesClientException e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof InterruptedException
                    || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnreachable(KubernetesClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e.getCode() == 0 && e.getCause() instanceof IOException;
    }
}
