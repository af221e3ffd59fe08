package dev.rewind.extract;

/** Whether this process runs as root (uid 0): only root may give files away to other owners. */
final class RootCheck {
    private RootCheck() {
    }

    static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | UnsupportedOperationException e) {
            return false;
        }
    }
}
