package dev.rewind.drill;

/**
 * What a drill may do with its sandbox namespace. Deleting a namespace is slow (it stays {@code Terminating} until
 * its objects are gone, and refuses new objects meanwhile), so a drill keeps the namespace by default; a namespace
 * found {@code Terminating} in PREPARE is waited for (bounded) before it is created again.
 */
public enum SandboxNamespacePolicy {
    /** The namespace must exist; the drill never creates or deletes namespaces (the server's mode). */
    MUST_EXIST,
    /** Created if absent and kept afterwards (the CLI's default). */
    CREATE_IF_ABSENT,
    /** Created if absent, and deleted in CLEANUP when this drill created it ({@code --delete-sandbox-namespace}). */
    CREATE_AND_DELETE;

    /** Whether the drill may create the namespace. */
    public boolean creates() {
        return this != MUST_EXIST;
    }

    /** Whether the drill deletes a namespace it created. */
    public boolean deletesCreated() {
        return this == CREATE_AND_DELETE;
    }
}
