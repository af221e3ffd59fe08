package dev.rewind.kopia.index;

import dev.rewind.storage.BlobMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Chooses the active index blobs of an epoch-manager repository (format ≥ 2) from a listing of its {@code x} blobs,
 * reproducing kopia's rules (kopia-format.md §5.5; kopia: internal/epoch/epoch_manager.go
 * {@code refreshAttemptLocked}, {@code getCompleteIndexSetForCommittedState}, {@code getIndexesFromEpochInternal},
 * internal/epoch/epoch_range.go, internal/completeset). Written by hand; no library implements this.
 *
 * <ol>
 *   <li>write epoch = the largest {@code N} of the {@code xe<N>} markers (0 without markers);</li>
 *   <li>deletion watermark = the largest {@code xw<unix seconds>} (none without such blobs);</li>
 *   <li>per epoch, the first complete {@code xs<E>_…} set; per {@code (A,B)}, the first complete
 *       {@code xr<A>_<B>_…} set;</li>
 *   <li>the chain of range checkpoints from epoch 0 whose last epoch is the largest (ties: fewer ranges; a chain
 *       ending at epoch 0 is never chosen, as in kopia); each range with {@code max > start} contributes its blobs
 *       and moves {@code start} to {@code max + 1};</li>
 *   <li>each epoch {@code e} from {@code start} to {@code writeEpoch + 1}: its complete {@code xs} set when the
 *       epoch is settled ({@code e ≤ writeEpoch − 2}), otherwise every {@code xn<e>_…} blob, incomplete sets
 *       included.</li>
 * </ol>
 *
 * <p>Deviation, for safety only: range names with {@code B < A} (never written by kopia) are ignored, where kopia
 * would recurse forever. kopia lists {@code xn<e>_} per epoch; here one listing of {@code x} is filtered by the same
 * prefixes, which selects the same blobs. Where kopia's choice depends on Go map order (several equivalent range
 * chains), ranges are considered in ascending {@code (A, B)} order.
 */
public final class EpochIndexSelector {
    private static final int UNSETTLED_EPOCHS = 2;

    private EpochIndexSelector() {
    }

    /** A complete range-checkpoint set covering epochs {@code min…max}. */
    private record RangeSet(int min, int max, List<BlobMetadata> blobs) {
    }

    /**
     * Selects the active index blobs from {@code listing}, the blobs whose names start with {@code x} in listing
     * order (blobs with other names are ignored).
     */
    public static IndexBlobSelection select(List<BlobMetadata> listing) {
        int writeEpoch = 0;
        OptionalLong watermark = OptionalLong.empty();
        Map<Integer, List<BlobMetadata>> singleByEpoch = new LinkedHashMap<>();
        Map<Long, List<BlobMetadata>> rangesByBounds = new LinkedHashMap<>();
        Map<String, List<BlobMetadata>> uncompactedByEpochText = new HashMap<>();

        for (BlobMetadata blob : listing) {
            String name = blob.id().value();
            if (name.startsWith("xe")) {
                Optional<Integer> epoch = BlobSets.epochNumber(name);
                if (epoch.isPresent() && epoch.get() > writeEpoch) {
                    writeEpoch = epoch.get();
                }
            } else if (name.startsWith("xw")) {
                OptionalLong seconds = BlobSets.parseGoInt(name.substring(2));
                if (seconds.isPresent() && (watermark.isEmpty() || seconds.getAsLong() > watermark.getAsLong())) {
                    watermark = seconds;
                }
            } else if (name.startsWith("xs")) {
                BlobSets.epochNumber(name)
                        .ifPresent(e -> singleByEpoch.computeIfAbsent(e, k -> new ArrayList<>()).add(blob));
            } else if (name.startsWith("xr")) {
                BlobSets.epochRange(name).ifPresent(r -> rangesByBounds
                        .computeIfAbsent(((long) r[0] << 32) | (r[1] & 0xffff_ffffL), k -> new ArrayList<>())
                        .add(blob));
            } else if (name.startsWith("xn")) {
                int underscore = name.indexOf('_');
                if (underscore > 2) {
                    uncompactedByEpochText.computeIfAbsent(name.substring(2, underscore), k -> new ArrayList<>())
                            .add(blob);
                }
            }
        }

        Map<Integer, List<BlobMetadata>> singleSets = new HashMap<>();
        singleByEpoch.forEach((epoch, blobs) ->
                BlobSets.firstCompleteSet(blobs).ifPresent(set -> singleSets.put(epoch, set)));

        List<RangeSet> ranges = new ArrayList<>();
        rangesByBounds.forEach((bounds, blobs) -> {
            int min = (int) (bounds >> 32);
            int max = (int) (long) bounds;
            if (max >= min) {
                BlobSets.firstCompleteSet(blobs).ifPresent(set -> ranges.add(new RangeSet(min, max, set)));
            }
        });

        List<BlobMetadata> selected = new ArrayList<>();
        int start = 0;
        for (RangeSet range : longestRangeChain(ranges)) {
            if (range.max() > start) {
                selected.addAll(range.blobs());
                start = range.max() + 1;
            }
        }
        for (int epoch = start; epoch <= writeEpoch + 1; epoch++) {
            boolean settled = epoch <= writeEpoch - UNSETTLED_EPOCHS;
            if (settled && singleSets.containsKey(epoch)) {
                selected.addAll(singleSets.get(epoch));
            } else {
                selected.addAll(uncompactedByEpochText.getOrDefault(Integer.toString(epoch), List.of()));
            }
        }
        Optional<Instant> watermarkAt = watermark.isPresent()
                ? Optional.of(instantOfSeconds(watermark.getAsLong()))
                : Optional.empty();
        return new IndexBlobSelection(selected, watermarkAt);
    }

    /** Go's {@code time.Unix} accepts any int64; values beyond Instant's range are clamped (same ordering). */
    private static Instant instantOfSeconds(long seconds) {
        return Instant.ofEpochSecond(Math.max(Instant.MIN.getEpochSecond(),
                Math.min(Instant.MAX.getEpochSecond(), seconds)));
    }

    private static List<RangeSet> longestRangeChain(List<RangeSet> ranges) {
        Map<Integer, List<RangeSet>> byMin = new TreeMap<>();
        ranges.stream()
                .sorted(Comparator.comparingInt(RangeSet::min).thenComparingInt(RangeSet::max))
                .forEach(r -> byMin.computeIfAbsent(r.min(), k -> new ArrayList<>()).add(r));
        return longestChainFrom(0, byMin, new HashMap<>());
    }

    private static List<RangeSet> longestChainFrom(int start, Map<Integer, List<RangeSet>> byMin,
            Map<Integer, List<RangeSet>> memo) {
        List<RangeSet> known = memo.get(start);
        if (known != null) {
            return known;
        }
        int longest = 0;
        List<RangeSet> best = List.of();
        for (RangeSet candidate : byMin.getOrDefault(start, List.of())) {
            List<RangeSet> combined = new ArrayList<>();
            combined.add(candidate);
            if (candidate.max() < Integer.MAX_VALUE) {
                combined.addAll(longestChainFrom(candidate.max() + 1, byMin, memo));
            }
            int last = combined.get(combined.size() - 1).max();
            if (last > longest || (last == longest && combined.size() < best.size())) {
                longest = last;
                best = combined;
            }
        }
        memo.put(start, best);
        return best;
    }
}
