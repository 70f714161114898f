package procos.logging;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces caller-supplied field values to plain JSON shapes (string, number, boolean, null, list,
 * map). This keeps Jackson away from bean introspection of arbitrary objects, which can be slow,
 * fail, recurse forever or expose fields the redactor never sees; instead such values are written
 * as their {@code toString()}, which the redactor can inspect.
 */
final class JsonSafeValues {

    /** Deeper structures are almost certainly accidental (or cyclic) and are cut off. */
    private static final int MAX_DEPTH = 16;
    static final String TOO_DEEP = "[nested too deep]";

    private JsonSafeValues() {
    }

    static Object of(Object value) {
        return of(value, 0);
    }

    private static Object of(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (depth >= MAX_DEPTH) {
            return TOO_DEEP;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> copy.put(String.valueOf(k), of(v, depth + 1)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            collection.forEach(v -> copy.add(of(v, depth + 1)));
            return copy;
        }
        if (value instanceof Object[] array) {
            List<Object> copy = new ArrayList<>(array.length);
            for (Object v : array) {
                copy.add(of(v, depth + 1));
            }
            return copy;
        }
        if (value instanceof char[] chars) {
            return new String(chars);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return text(value);
    }

    private static Object number(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Double
                || number instanceof Float || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger || number instanceof BigDecimal) {
            return number;
        }
        try {
            return new BigDecimal(number.toString()); // AtomicLong, LongAdder, …
        } catch (NumberFormatException e) {
            return number.toString();
        }
    }

    private static String text(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "[toString failed: " + e.getClass().getName() + "]";
        }
    }
}
