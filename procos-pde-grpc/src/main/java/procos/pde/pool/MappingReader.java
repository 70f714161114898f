package procos.pde.pool;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads typed values out of one YAML mapping, recording a problem at the exact path of every value
 * that is missing, of the wrong type, or not allowed, and returning a placeholder instead of
 * stopping, so one pass finds every problem in the file.
 *
 * <p>String scalars are accepted where numbers or booleans are expected, because a value written as
 * {@code ${POOL_SIZE:4}} is text until it is read. Placeholders: {@code ""} for text, {@code 0} for
 * numbers, empty for optional values; they only survive into a configuration that is then refused.
 */
final class MappingReader {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private final JsonNode mapping;
    private final ConfigPath path;
    private final Problems problems;
    private final ValueDisplay display;

    private MappingReader(JsonNode mapping, ConfigPath path, Problems problems, ValueDisplay display) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
        this.display = display;
    }

    /**
     * A reader for {@code node}, which must be a mapping using only {@code allowedKeys}. If it is not
     * a mapping, that is the one problem recorded and every read returns a placeholder.
     */
    static MappingReader of(JsonNode node, ConfigPath path, List<String> allowedKeys, Problems problems,
                            ValueDisplay display) {
        if (node == null || !node.isObject()) {
            problems.add(path, "must be a mapping with the keys " + String.join(", ", allowedKeys)
                    + (node == null || node.isNull() ? "" : ", not " + describe(node)));
            return new MappingReader(null, path, problems, display);
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!allowedKeys.contains(key)) {
                problems.add(path.key(key), "unknown key (allowed here: " + String.join(", ", allowedKeys) + ")");
            }
        }
        return new MappingReader(node, path, problems, display);
    }

    ConfigPath at(String key) {
        return path.key(key);
    }

    /** The value under {@code key}, or {@code null} if absent or YAML null. */
    JsonNode raw(String key) {
        JsonNode value = mapping == null ? null : mapping.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** Text that must be present and not blank; {@code ""} after recording a problem otherwise. */
    String requiredText(String key) {
        if (mapping != null && raw(key) == null) {
            problems.add(at(key), "is required");
            return "";
        }
        String text = optionalText(key).orElse("");
        if (mapping != null && text.isEmpty() && !problems.hasAt(at(key))) {
            problems.add(at(key), "must not be blank");
        }
        return text;
    }

    /** Text if present and not blank (a blank value, e.g. from {@code ${TOKEN:}}, counts as absent). */
    Optional<String> optionalText(String key) {
        return Optional.ofNullable(scalarText(raw(key), at(key))).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A whole number that must be present; {@code 0} after recording a problem otherwise. */
    int requiredInt(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            if (mapping != null) {
                problems.add(at(key), "is required");
            }
            return 0;
        }
        return wholeNumber(key, value, 0);
    }

    /** A whole number; {@code fallback} if absent or (after recording a problem) unusable. */
    int optionalInt(String key, int fallback) {
        JsonNode value = raw(key);
        return value == null ? fallback : wholeNumber(key, value, fallback);
    }

    /** A number such as {@code 0.5}; {@code fallback} if absent or (after recording a problem) unusable. */
    double number(String key, double fallback) {
        JsonNode value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                double parsed = Double.parseDouble(value.textValue().strip());
                if (Double.isFinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        problems.add(at(key), "must be a number such as 0.5"
                + (value.isValueNode() ? ", got " + display.show(at(key), value.asText()) : ", not " + describe(value)));
        return fallback;
    }

    private int wholeNumber(String key, JsonNode value, int fallback) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        String text = value.isValueNode() ? value.asText().strip() : "";
        if (value.isTextual() && INTEGER.matcher(text).matches()) {
            try {
                return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
            } catch (NumberFormatException tooLarge) {
                // reported below
            }
        }
        problems.add(at(key), "must be a whole number"
                + (value.isValueNode() ? ", got " + display.show(at(key), value.asText()) : ", not " + describe(value)));
        return fallback;
    }

    /** {@code true}/{@code false} (text spelling accepted, any case); {@code fallback} if absent. */
    boolean bool(String key, boolean fallback) {
        JsonNode value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.textValue().strip().equalsIgnoreCase("true")
                || value.textValue().strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.textValue().strip());
        }
        problems.add(at(key), "must be true or false"
                + (value.isValueNode() ? ", got " + display.show(at(key), value.asText()) : ", not " + describe(value)));
        return fallback;
    }

    /** An ISO-8601 duration such as {@code PT30S}, if present. */
    Optional<Duration> duration(String key) {
        Optional<String> text = optionalText(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(text.get()));
        } catch (DateTimeParseException e) {
            problems.add(at(key), "must be an ISO-8601 duration such as PT30S or PT2M, got "
                    + display.show(at(key), text.get()));
            return Optional.empty();
        }
    }

    /**
     * A list of text values; empty if absent. Elements that are not usable text are recorded as
     * problems and kept as {@code ""}, so later checks still see every element at its own index.
     */
    List<String> textList(String key) {
        List<String> result = new ArrayList<>();
        JsonNode value = listNode(key);
        if (value == null) {
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            ConfigPath element = at(key).index(i);
            String text = scalarText(value.get(i), element);
            if (text == null || text.isBlank()) {
                if (text != null || value.get(i).isNull()) {
                    problems.add(element, "must not be blank");
                }
                result.add("");
            } else {
                result.add(text.strip());
            }
        }
        return result;
    }

    /** Every element of the list under {@code key} bound by {@code binder}; empty if absent. */
    <T> List<T> list(String key, BiFunction<JsonNode, ConfigPath, T> binder) {
        List<T> result = new ArrayList<>();
        JsonNode value = listNode(key);
        if (value != null) {
            for (int i = 0; i < value.size(); i++) {
                result.add(binder.apply(value.get(i), at(key).index(i)));
            }
        }
        return result;
    }

    /** A flat mapping of scalar values, as text; empty if absent. */
    Map<String, String> scalarMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode value = raw(key);
        if (value == null) {
            return result;
        }
        if (!value.isObject()) {
            problems.add(at(key), "must be a mapping of names to values, not " + describe(value));
            return result;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String text = entry.getValue().isNull() ? "" : scalarText(entry.getValue(), at(key).key(entry.getKey()));
            if (text != null) {
                result.put(entry.getKey(), text);
            }
        }
        return result;
    }

    private JsonNode listNode(String key) {
        JsonNode value = raw(key);
        if (value != null && !value.isArray()) {
            problems.add(at(key), "must be a list, e.g. [a, b], not " + describe(value));
            return null;
        }
        return value;
    }

    /** The text of a scalar; {@code null} (with a problem) for a list or mapping, or when absent. */
    private String scalarText(JsonNode value, ConfigPath where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            problems.add(where, "must be a single value, not " + describe(value));
            return null;
        }
        return value.asText();
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "a single value";
    }
}
