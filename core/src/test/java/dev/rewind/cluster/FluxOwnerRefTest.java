package dev.rewind.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FluxOwnerRefTest {

    @Test
    void readsBothOwnerKindsFromLabels() {
        var owners = FluxOwnerRef.fromLabels(Map.of(
                "kustomize.toolkit.fluxcd.io/name", "paperless-ngx",
                "kustomize.toolkit.fluxcd.io/namespace", "flux-system",
                "helm.toolkit.fluxcd.io/name", "paperless-ngx",
                "helm.toolkit.fluxcd.io/namespace", "default"));
        assertThat(owners).containsExactly(
                new FluxOwnerRef(FluxKind.KUSTOMIZATION, "paperless-ngx", "flux-system"),
                new FluxOwnerRef(FluxKind.HELM_RELEASE, "paperless-ngx", "default"));
    }

    @Test
    void aNameWithoutItsNamespaceIsIgnored() {
        assertThat(FluxOwnerRef.fromLabels(Map.of("kustomize.toolkit.fluxcd.io/name", "x",
                "kustomize.toolkit.fluxcd.io/ssa", "IfNotPresent"))).isEmpty();
    }
}
