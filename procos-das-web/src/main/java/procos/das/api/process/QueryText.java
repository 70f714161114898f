package procos.das.api.process;

import procos.das.api.ApiProblem;

/** A free-text query or path parameter, checked: bounded length, no control characters; 400 naming it otherwise. */
public final class QueryText {

    public static final int MAX = 255;

    private QueryText() {
    }

    /** The value stripped, or null when absent or blank. */
    public static String optional(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > MAX || text.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.badRequest(name + ": at most " + MAX + " characters, no control characters");
        }
        return text;
    }

    /** A path id: required, checked like {@link #optional}. */
    public static String id(String name, String value) {
        String text = optional(name, value);
        if (text == null) {
            throw ApiProblem.badRequest(name + ": required");
        }
        return text;
    }
}
