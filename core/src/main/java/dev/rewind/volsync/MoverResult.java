package dev.rewind.volsync;

/** {@code status.latestMoverStatus.result} (volsync.md §1.2). */
public enum MoverResult {
    SUCCESSFUL,
    FAILED;

    public static MoverResult parse(String value) {
        return switch (value) {
            case "Successful" -> SUCCESSFUL;
            case "Failed" -> FAILED;
            default -> throw new IllegalArgumentException("unknown latestMoverStatus.result '" + value + "'");
        };
    }
}
