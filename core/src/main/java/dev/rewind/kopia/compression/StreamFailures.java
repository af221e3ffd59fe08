package dev.rewind.kopia.compression;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/** Translates what a third-party decoder throws into the one exception type of rewind. */
final class StreamFailures {
    private StreamFailures() {}

    /** {@code CORRUPT} for a library failure; our own {@link RewindException} (the output limit) passes through. */
    static RewindException corrupt(String format, Exception failure) {
        if (failure instanceof RewindException rewind) {
            return rewind;
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new RewindException(Reason.CORRUPT, format + " stream is corrupt: " + detail.strip(), failure);
    }
}
