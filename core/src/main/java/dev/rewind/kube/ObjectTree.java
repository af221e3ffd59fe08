package dev.rewind.kube;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Read-only navigation over the untyped JSON tree of a custom resource ({@code Map}/{@code List}/scalars as
 * Jackson produces them). Missing or mistyped fields read as empty, so that unknown CRD versions do not break
 * listing; {@link #describe()} names the object for error messages.
 */
final class ObjectTree {
    private final Map<?, ?> node;
    private final String describe;

    ObjectTree(Map<?, ?> node, String describe) {
        this.node = node == null ? Map.of() : node;
        this.describe = describe;
    }

    String describe() {
        return describe;
    }

    ObjectTree child(String key) {
        return new ObjectTree(node.get(key) instanceof Map<?, ?> m ? m : Map.of(), describe);
    }

    boolean has(String key) {
        return node.get(key) != null;
    }

    Optional<String> string(String key) {
        Object v = node.get(key);
        if (v == null) {
            return Optional.empty();
        }
        String s = String.valueOf(v);
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    String requiredString(String key) {
        return string(key).orElseThrow(() -> new MalformedObjectException(describe + " has no " + key));
    }

    boolean bool(String key, boolean defaultValue) {
        Object v = node.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        return defaultValue;
    }

    Optional<Boolean> optionalBool(String key) {
        return node.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    OptionalInt integer(String key) {
        Object v = node.get(key);
        if (v instanceof Number n) {
            return OptionalInt.of(n.intValue());
        }
        if (v instanceof String s) {
            try {
                return OptionalInt.of(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new MalformedObjectException(describe + " field " + key + " is not an integer: '" + s + "'");
            }
        }
        return OptionalInt.empty();
    }

    OptionalLong longValue(String key) {
        Object v = node.get(key);
        if (v instanceof Number n) {
            return OptionalLong.of(n.longValue());
        }
        return OptionalLong.empty();
    }

    Optional<Instant> instant(String key) {
        return string(key).map(s -> parseInstant(key, s));
    }

    private Instant parseInstant(String key, String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedObjectException(describe + " field " + key + " is not an RFC 3339 time: '" + s + "'");
        }
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        if (node.get(key) instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    out.add(String.valueOf(o));
                }
            }
        }
        return out;
    }

    List<ObjectTree> children(String key) {
        List<ObjectTree> out = new ArrayList<>();
        if (node.get(key) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add(new ObjectTree(m, describe));
                }
            }
        }
        return out;
    }

    Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.get(key) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        return out;
    }

    Map<String, ObjectTree> childMap(String key) {
        Map<String, ObjectTree> out = new LinkedHashMap<>();
        if (node.get(key) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k != null && v instanceof Map<?, ?> child) {
                    out.put(String.valueOf(k), new ObjectTree(child, describe));
                }
            });
        }
        return out;
    }
}
