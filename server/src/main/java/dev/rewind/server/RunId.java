package dev.rewind.server;

/** The id of one check run, unique within a server process: a positive sequence number ({@code /api/v1/runs/42}). */
public record RunId(long value) {
    public RunId {
        if (value < 1) {
            throw new IllegalArgumentException("run id must be positive, got " + value);
        }
    }

    /** Parses the path segment of {@code /api/v1/runs/{id}}; empty when it is not a run id. */
    static java.util.Optional<RunId> parse(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return java.util.Optional.empty();
        }
        long value = Long.parseLong(text);
        return value < 1 ? java.util.Optional.empty() : java.util.Optional.of(new RunId(value));
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
