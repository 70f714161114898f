package procos.das.api.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import procos.das.api.ApiProblem;

/**
 * Process variables from a JSON object, as the engine stores them: a string stays a string, a whole
 * number becomes a {@code Long}, any other number a {@code Double}, true/false a {@code Boolean},
 * null a null value. A nested object or array is stored as its JSON text in a string variable:
 * Camunda Spin, which would store it as JSON, is not part of the server, and Java serialization of
 * client data is not something to switch on. Anything that does not fit is refused with 422 naming
 * the variable.
 */
public final class VariableValues {

    /** Camunda keeps a string value in a column of 4000 characters. */
    public static final int MAX_TEXT = 4_000;
    public static final int MAX_VARIABLES = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private VariableValues() {
    }

    /**
     * @param json  the JSON object (as JSON-B read it: maps, lists, strings, BigDecimals, booleans), or null for none
     * @param field the body field the object came from, to name in errors
     */
    public static Map<String, Object> fromJson(Object json, String field) {
        if (json == null) {
            return Map.of();
        }
        if (!(json instanceof Map<?, ?> object)) {
            throw ApiProblem.unprocessable(field + ": must be a JSON object of variable names to values");
        }
        if (object.size() > MAX_VARIABLES) {
            throw ApiProblem.unprocessable(field + ": " + object.size() + " variables; at most " + MAX_VARIABLES);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!NAME.matcher(name).matches()) {
                throw ApiProblem.unprocessable(field + "." + name + ": a variable name is a letter or _ then letters, digits, _; at most 64");
            }
            variables.put(name, value(entry.getValue(), field + "." + name));
        }
        return variables;
    }

    /** One JSON value as the engine stores it; {@code path} names it in errors. */
    public static Object value(Object value, String path) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof String text) {
            return checkedText(text, path);
        }
        if (value instanceof Number number) {
            return number(number, path);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return checkedText(JSON.writeValueAsString(value), path);
            } catch (JsonProcessingException e) {
                throw ApiProblem.unprocessable(path + ": cannot be written as JSON");
            }
        }
        throw ApiProblem.unprocessable(path + ": unsupported value");
    }

    /** A whole number as a Long, any other as a Double; 422 beyond their ranges. */
    public static Object number(Number number, String path) {
        BigDecimal decimal = new BigDecimal(number.toString());
        if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException e) {
                throw ApiProblem.unprocessable(path + ": a whole number must lie between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
            }
        }
        double real = decimal.doubleValue();
        if (Double.isInfinite(real)) {
            throw ApiProblem.unprocessable(path + ": number out of range");
        }
        return real;
    }

    private static String checkedText(String text, String path) {
        if (text.length() > MAX_TEXT) {
            throw ApiProblem.unprocessable(path + ": " + text.length() + " characters; at most " + MAX_TEXT);
        }
        return text;
    }
}
