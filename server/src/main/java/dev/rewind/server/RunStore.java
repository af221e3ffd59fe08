package dev.rewind.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory record of check runs: a bounded history (the oldest runs are dropped beyond {@code capacity}), plus
 * the latest run and the latest successful run of every check, kept regardless of the bound. Thread-safe.
 */
public final class RunStore {
    /** A check: one kind of check on one target. */
    public record CheckKey(TargetName target, CheckKind kind) {
    }

    private final int capacity;
    private final Deque<Run> history = new ArrayDeque<>();
    private final Map<RunId, Run> byId = new HashMap<>();
    private final Map<CheckKey, Run> latest = new HashMap<>();
    private final Map<CheckKey, Run> latestHealthy = new HashMap<>();
    private final Map<CheckKey, Map<Outcome, Long>> counts = new HashMap<>();
    private final List<Map.Entry<java.util.function.Predicate<Run>, java.util.concurrent.CompletableFuture<Run>>>
            waiting = new java.util.ArrayList<>();
    private long lastId;

    public RunStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** A fresh run id. */
    public synchronized RunId nextId() {
        return new RunId(++lastId);
    }

    /** Records a finished run. */
    public synchronized void add(Run run) {
        history.addLast(run);
        byId.put(run.id(), run);
        CheckKey key = new CheckKey(run.target(), run.kind());
        latest.put(key, run);
        if (run.outcome().healthy()) {
            latestHealthy.put(key, run);
        }
        counts.computeIfAbsent(key, k -> new java.util.EnumMap<>(Outcome.class)).merge(run.outcome(), 1L, Long::sum);
        while (history.size() > capacity) {
            byId.remove(history.removeFirst().id());
        }
        waiting.removeIf(w -> w.getKey().test(run) && w.getValue().complete(run));
    }

    /**
     * A future completed with the next recorded run that matches (for tests and on-demand runs: no polling, no
     * sleeping). Register before triggering the run.
     */
    public synchronized java.util.concurrent.CompletableFuture<Run> next(java.util.function.Predicate<Run> matching) {
        var future = new java.util.concurrent.CompletableFuture<Run>();
        waiting.add(Map.entry(matching, future));
        return future;
    }

    public synchronized Optional<Run> find(RunId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public synchronized Optional<Run> latest(TargetName target, CheckKind kind) {
        return Optional.ofNullable(latest.get(new CheckKey(target, kind)));
    }

    public synchronized Optional<Run> latestHealthy(TargetName target, CheckKind kind) {
        return Optional.ofNullable(latestHealthy.get(new CheckKey(target, kind)));
    }

    /** How many runs of the check ended with {@code outcome} since start (not bounded by the history). */
    public synchronized long count(TargetName target, CheckKind kind, Outcome outcome) {
        return counts.getOrDefault(new CheckKey(target, kind), Map.of()).getOrDefault(outcome, 0L);
    }

    /** The runs still in the history, oldest first. */
    public synchronized List<Run> history() {
        return List.copyOf(history);
    }
}
