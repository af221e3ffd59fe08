package dev.rewind.cluster;

/**
 * The two Flux object kinds that own application resources, with the labels Flux stamps on what they apply
 * (volsync.md §8.0 "Flux owners via the kustomize.toolkit.fluxcd.io/* labels on PVC/RS/RD and the
 * helm.toolkit.fluxcd.io/* labels on the workload").
 */
public enum FluxKind {
    KUSTOMIZATION("kustomize.toolkit.fluxcd.io/name", "kustomize.toolkit.fluxcd.io/namespace"),
    HELM_RELEASE("helm.toolkit.fluxcd.io/name", "helm.toolkit.fluxcd.io/namespace");

    private final String nameLabel;
    private final String namespaceLabel;

    FluxKind(String nameLabel, String namespaceLabel) {
        this.nameLabel = nameLabel;
        this.namespaceLabel = namespaceLabel;
    }

    public String nameLabel() {
        return nameLabel;
    }

    public String namespaceLabel() {
        return namespaceLabel;
    }
}
