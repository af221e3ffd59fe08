package dev.rewind.kopia.index;

import dev.rewind.storage.BlobMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Kopia's "complete set" rule and its blob-name number parsing (kopia: internal/completeset/complete_set.go,
 * internal/epoch/epoch_utils.go), written by hand. Blobs written together are named {@code <any>-s<set>-c<count>};
 * a set is complete once {@code count} blobs with that set ID are present.
 */
final class BlobSets {
    private BlobSets() {
    }

    /**
     * The complete sets among {@code blobs}, in the order in which they became complete while scanning the listing.
     * Blobs with malformed names form single-blob sets of their own. A set holds exactly its first {@code count}
     * blobs.
     */
    static List<List<BlobMetadata>> completeSets(List<BlobMetadata> blobs) {
        Map<String, List<BlobMetadata>> bySetId = new HashMap<>();
        List<List<BlobMetadata>> complete = new ArrayList<>();
        for (BlobMetadata blob : blobs) {
            String[] parts = blob.id().value().split("-", -1);
            if (parts.length < 3 || !parts[1].startsWith("s") || !parts[2].startsWith("c")) {
                complete.add(List.of(blob));
                continue;
            }
            OptionalLong count = parseGoInt(parts[2].substring(1));
            if (count.isEmpty()) {
                complete.add(List.of(blob));
                continue;
            }
            List<BlobMetadata> set = bySetId.computeIfAbsent(parts[1], k -> new ArrayList<>());
            set.add(blob);
            if (set.size() == count.getAsLong()) {
                complete.add(List.copyOf(set));
            }
        }
        return complete;
    }

    /** The first complete set, as kopia's {@code completeset.FindFirst}. */
    static Optional<List<BlobMetadata>> firstCompleteSet(List<BlobMetadata> blobs) {
        List<List<BlobMetadata>> sets = completeSets(blobs);
        return sets.isEmpty() ? Optional.empty() : Optional.of(sets.get(0));
    }

    /**
     * The epoch number of {@code xe<N>}, {@code xs<N>_…}, {@code xn<N>_…}: the text before the first {@code _}, with
     * leading non-digits removed, parsed as a decimal integer. Empty when that fails or does not fit an int.
     */
    static Optional<Integer> epochNumber(String blobName) {
        int underscore = blobName.indexOf('_');
        String s = underscore >= 0 ? blobName.substring(0, underscore) : blobName;
        return toInt(parseGoInt(stripLeadingNonDigits(s)));
    }

    /** The epochs {@code A} and {@code B} of {@code xr<A>_<B>_…}, or empty when the name does not parse. */
    static Optional<int[]> epochRange(String blobName) {
        String[] parts = blobName.split("_", -1);
        if (parts.length < 3) {
            return Optional.empty();
        }
        Optional<Integer> first = toInt(parseGoInt(stripLeadingNonDigits(parts[0])));
        Optional<Integer> second = toInt(parseGoInt(parts[1]));
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new int[] {first.get(), second.get()});
    }

    private static String stripLeadingNonDigits(String s) {
        int i = 0;
        while (i < s.length() && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
            i++;
        }
        return s.substring(i);
    }

    /** Go's {@code strconv.Atoi}/{@code ParseInt(s, 10, 64)}: an optional sign and at least one decimal digit. */
    static OptionalLong parseGoInt(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (s.length() == start) {
            return OptionalLong.empty();
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<Integer> toInt(OptionalLong value) {
        if (value.isEmpty() || value.getAsLong() < Integer.MIN_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of((int) value.getAsLong());
    }
}
