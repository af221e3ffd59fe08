package dev.rewind.app;

import java.util.Objects;

/**
 * One permission a workflow needs, as a {@code SelfSubjectAccessReview} asks for it.
 *
 * @param verb      e.g. {@code patch}
 * @param group     API group; empty for the core group
 * @param resource  plural resource name, e.g. {@code replicationdestinations}
 * @param namespace the namespace it is needed in
 */
public record AccessRequest(String verb, String group, String resource, String namespace) {
    public AccessRequest {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** As {@code kubectl auth can-i} takes it: {@code patch replicationsources.volsync.backube -n default}. */
    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? resource : resource + "." + group) + " -n " + namespace;
    }
}
