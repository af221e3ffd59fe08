package dev.rewind.server;

import dev.rewind.drill.DrillGeneration;
import dev.rewind.drill.DrillResult;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drill results the server keeps in memory: the newest result and the newest passed result per app and
 * generation (what the metrics export), the generation of each app's newest drill (what the rotation continues
 * from), and a bounded history for the API. Thread-safe.
 */
public final class DrillBoard {
    /** Results kept for {@code /api/v1/drills}. */
    static final int HISTORY = 200;

    /** The metrics' identity of a drill series. */
    public record Key(String app, String namespace, DrillGeneration generation) {
    }

    private final Map<Key, DrillResult> latest = new LinkedHashMap<>();
    private final Map<Key, DrillResult> latestPassed = new LinkedHashMap<>();
    private final Map<String, DrillGeneration> lastGeneration = new LinkedHashMap<>();
    private final Deque<DrillResult> history = new ArrayDeque<>();

    public synchronized void record(DrillResult result) {
        Key key = new Key(result.app(), result.namespace(), result.generation());
        latest.put(key, result);
        if (result.passed()) {
            latestPassed.put(key, result);
        }
        lastGeneration.put(result.namespace() + "/" + result.app(), result.generation());
        history.addFirst(result);
        while (history.size() > HISTORY) {
            history.removeLast();
        }
    }

    /** The generation of the newest drill of {@code namespace/app}, for the rotation. */
    public synchronized Optional<DrillGeneration> lastGeneration(String namespace, String app) {
        return Optional.ofNullable(lastGeneration.get(namespace + "/" + app));
    }

    /** The newest result per app and generation, ordered by namespace, app, generation. */
    public synchronized List<DrillResult> latest() {
        return latest.values().stream().sorted(ORDER).toList();
    }

    /** The newest passed result of the series. */
    public synchronized Optional<DrillResult> latestPassed(Key key) {
        return Optional.ofNullable(latestPassed.get(key));
    }

    /** The newest results first, at most {@link #HISTORY}. */
    public synchronized List<DrillResult> history() {
        return List.copyOf(history);
    }

    static Key keyOf(DrillResult result) {
        return new Key(result.app(), result.namespace(), result.generation());
    }

    private static final Comparator<DrillResult> ORDER = Comparator.comparing(DrillResult::namespace)
            .thenComparing(DrillResult::app).thenComparing(DrillResult::generation);
}
