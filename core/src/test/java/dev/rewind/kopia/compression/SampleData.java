package dev.rewind.kopia.compression;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Deterministic sample payloads for compression tests. */
final class SampleData {
    private SampleData() {}

    /** Incompressible bytes. */
    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    /**
     * Compressible bytes mixing log-like text lines, long runs, short-period patterns and random stretches, so that
     * encoders emit literals, near and far copies and long repeats.
     */
    static byte[] compressible(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] data = new byte[size];
        int at = 0;
        int line = 0;
        while (at < size) {
            byte[] piece = switch (random.nextInt(5)) {
                case 0 -> ("2026-11-30T16:%02d:%02dZ INFO volsync mover: snapshot %d of app-%d done in %d ms\n"
                                .formatted(random.nextInt(60), random.nextInt(60), line++, random.nextInt(8),
                                        random.nextInt(5000)))
                        .getBytes(StandardCharsets.US_ASCII);
                case 1 -> new byte[random.nextInt(1, 70_000)]; // a run of zeros, sometimes longer than 65540
                case 2 -> {
                    byte[] pattern = new byte[random.nextInt(1, 9)];
                    random.nextBytes(pattern);
                    byte[] run = new byte[random.nextInt(4, 3000)];
                    for (int i = 0; i < run.length; i++) {
                        run[i] = pattern[i % pattern.length];
                    }
                    yield run;
                }
                case 3 -> {
                    byte[] noise = new byte[random.nextInt(1, 200)];
                    random.nextBytes(noise);
                    yield noise;
                }
                default -> {
                    // copy an earlier stretch from far back (exercises 2- and 4-byte offsets)
                    int length = random.nextInt(4, 400);
                    byte[] copy = new byte[length];
                    if (at > length) {
                        int from = random.nextInt(at - length);
                        System.arraycopy(data, from, copy, 0, length);
                    }
                    yield copy;
                }
            };
            int n = Math.min(piece.length, size - at);
            System.arraycopy(piece, 0, data, at, n);
            at += n;
        }
        return data;
    }
}
