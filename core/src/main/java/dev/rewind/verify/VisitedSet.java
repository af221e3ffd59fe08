package dev.rewind.verify;

import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.object.ObjectId;

/**
 * Which contents (or objects) a verification has already visited, and how far: {@link #STRUCTURE} (index entry and
 * pack checked), {@link #DECRYPTED} (also read, decrypted and decompressed) or {@link #BROKEN} (a finding was
 * reported; never checked again). Lets a run visit each content once across snapshots and sources.
 *
 * <p>Compact by design: a key is a 128-bit fingerprint of the id (content ids are cryptographic hashes, so two
 * different contents colliding is negligible) stored in open-addressed {@code long} arrays with one state byte, about
 * 30 bytes per key at the usual load (at most ~60 right after a resize). Thread-safe: 16 independently locked
 * segments.
 */
final class VisitedSet {
    static final byte NONE = 0;
    static final byte STRUCTURE = 1;
    static final byte DECRYPTED = 2;
    static final byte BROKEN = 3;

    private static final int SEGMENTS = 16;
    private final Segment[] segments = new Segment[SEGMENTS];

    VisitedSet() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    /** Raises the state of {@code content} to at least {@code state}; returns the state before. */
    byte raise(ContentId content, byte state) {
        return raise(content, 0, state);
    }

    /** As {@link #raise(ContentId, byte)} for an object (its content plus the indirection level). */
    byte raise(ObjectId object, byte state) {
        return raise(object.content(), object.indirection() + 1, state);
    }

    long size() {
        long n = 0;
        for (Segment s : segments) {
            synchronized (s) {
                n += s.size;
            }
        }
        return n;
    }

    private byte raise(ContentId id, int salt, byte state) {
        byte[] hash = id.hash();
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < Math.min(8, hash.length); i++) {
            hi = (hi << 8) | (hash[i] & 0xff);
        }
        for (int i = 8; i < Math.min(16, hash.length); i++) {
            lo = (lo << 8) | (hash[i] & 0xff);
        }
        hi ^= id.prefix() * 0x9E3779B97F4A7C15L;
        lo ^= (salt + 1L) * 0xC2B2AE3D27D4EB4FL;
        hi ^= hash.length;
        long mix = hi * 0x9E3779B97F4A7C15L ^ lo;
        return segments[(int) (mix >>> 60)].raise(hi, lo, mix, state);
    }

    private static final class Segment {
        private long[] keys = new long[2 * 64];
        private byte[] states = new byte[64];
        private int size;

        synchronized byte raise(long hi, long lo, long mix, byte state) {
            int slot = find(keys, states, hi, lo, mix);
            byte previous = states[slot];
            if (previous == NONE) {
                keys[2 * slot] = hi;
                keys[2 * slot + 1] = lo;
                states[slot] = state;
                if (++size * 10 > states.length * 6) {
                    grow();
                }
                return NONE;
            }
            if (previous < state) {
                states[slot] = state;
            }
            return previous;
        }

        private static int find(long[] keys, byte[] states, long hi, long lo, long mix) {
            int mask = states.length - 1;
            int slot = (int) (mix ^ (mix >>> 32)) & mask;
            while (states[slot] != NONE && (keys[2 * slot] != hi || keys[2 * slot + 1] != lo)) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            byte[] oldStates = states;
            keys = new long[oldKeys.length * 2];
            states = new byte[oldStates.length * 2];
            for (int i = 0; i < oldStates.length; i++) {
                if (oldStates[i] != NONE) {
                    long hi = oldKeys[2 * i];
                    long lo = oldKeys[2 * i + 1];
                    int slot = find(keys, states, hi, lo, hi * 0x9E3779B97F4A7C15L ^ lo);
                    keys[2 * slot] = hi;
                    keys[2 * slot + 1] = lo;
                    states[slot] = oldStates[i];
                }
            }
        }
    }
}
