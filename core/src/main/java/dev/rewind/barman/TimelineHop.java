package dev.rewind.barman;

/** Recovery switches from {@code fromTimeline} to {@code toTimeline} at {@code switchLsn}, read from the history. */
public record TimelineHop(long fromTimeline, long toTimeline, Lsn switchLsn) {
}
