package dev.rewind.restore;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Parses a Kubernetes storage quantity ({@code 100Gi}, {@code 5G}, {@code 1.5Ti}, {@code 1e9}, {@code 1048576}) into bytes,
 * rounding up. Written by hand: the domain layer has no Kubernetes client (DESIGN.md §4).
 */
final class StorageQuantity {
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("", BigDecimal.ONE));

    private StorageQuantity() {
    }

    /**
     * @param field names the field in the message, e.g. "spec.kopia.capacity of ReplicationDestination ns/x"
     * @throws RewindException INVALID_INPUT naming the field when the text is not a storage quantity
     */
    static long bytes(String text, String field) {
        String t = text.trim();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        String suffix = t.substring(i);
        BigDecimal factor = suffix.matches("[eE][0-9]{1,2}")
                ? BigDecimal.TEN.pow(Integer.parseInt(suffix.substring(1))) : SUFFIX.get(suffix);
        if (i == 0 || factor == null) {
            throw new RewindException(Reason.INVALID_INPUT, field + " '" + text + "' is not a storage quantity"
                    + " (e.g. 100Gi)");
        }
        try {
            return new BigDecimal(t.substring(0, i)).multiply(factor).setScale(0, RoundingMode.CEILING)
                    .longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new RewindException(Reason.INVALID_INPUT, field + " '" + text + "' is not a storage quantity"
                    + " (e.g. 100Gi)");
        }
    }
}
