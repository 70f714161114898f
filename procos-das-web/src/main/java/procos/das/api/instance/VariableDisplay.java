package procos.das.api.instance;

import java.util.Date;

/**
 * A variable's value as the console shows it: strings, numbers and booleans as they are, a date as
 * ISO-8601, a long text cut to {@value #MAX_TEXT} characters with an ellipsis, and anything the API
 * does not write as JSON (bytes, serialized objects, files) as its type in brackets.
 */
public final class VariableDisplay {

    public static final int MAX_TEXT = 2_000;

    private VariableDisplay() {
    }

    public static Object of(Object value, String typeName) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Date date) {
            return IsoTime.of(date);
        }
        return "[" + typeName + "]";
    }
}
