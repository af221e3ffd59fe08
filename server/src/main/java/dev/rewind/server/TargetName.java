package dev.rewind.server;

import java.util.regex.Pattern;

/**
 * The name of a verification target (an app's repository or a cluster's archive), unique per server: lower-case
 * letters, digits, {@code -}, {@code _} and {@code .}, 1..63 characters, starting with a letter or digit. Used in
 * metric labels, URLs and Quartz job keys.
 */
public record TargetName(String value) implements Comparable<TargetName> {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public TargetName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("target name must match " + VALID + ", got \"" + value + "\"");
        }
    }

    static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public int compareTo(TargetName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
