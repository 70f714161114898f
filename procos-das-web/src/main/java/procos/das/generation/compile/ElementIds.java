package procos.das.generation.compile;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Readable, unique element ids for one model: snake_case from the element's name ({@code Check
 * stock} → {@code check_stock}), suffixed {@code _2}, {@code _3}, … when taken. Every id is a valid
 * XML NCName (ASCII letters, digits and {@code _}, never starting with a digit), as BPMN ids must be.
 */
final class ElementIds {

    static final int MAX_LENGTH = 64;
    /** Room left for a uniqueness suffix such as {@code _12}. */
    private static final int BASE_LENGTH = MAX_LENGTH - 4;
    private static final Pattern NOT_ID = Pattern.compile("[^a-z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final Set<String> used = new HashSet<>();

    /** Marks {@code id} as taken, so no element gets it. */
    void reserve(String id) {
        used.add(id);
    }

    boolean isTaken(String id) {
        return used.contains(id);
    }

    /** A new id from {@code name}, or from {@code fallback} when the name has no usable letters or digits. */
    String fromName(String name, String fallback) {
        return unique(snakeCase(name, fallback, BASE_LENGTH));
    }

    /** A new id for an element that belongs to {@code baseId}, such as {@code check_stock_deadline}. */
    String derived(String baseId, String suffix) {
        String base = baseId.length() + suffix.length() + 1 <= BASE_LENGTH
                ? baseId : trimUnderscores(baseId.substring(0, BASE_LENGTH - suffix.length() - 1));
        return unique(base + "_" + suffix);
    }

    /** {@code base} when free, else {@code base_2}, {@code base_3}, …; {@code base} must already be an id. */
    String unique(String base) {
        String candidate = base;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }

    /**
     * {@code text} in snake_case: accents dropped, lower case, runs of anything else one {@code _},
     * at most {@code max} characters; {@code fallback} (itself snake_case) when nothing is left, and
     * as a prefix when the text starts with a digit.
     */
    static String snakeCase(String text, String fallback, int max) {
        String plain = text == null ? "" : MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        String snake = trimUnderscores(NOT_ID.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("_"));
        if (snake.isEmpty()) {
            snake = fallback;
        } else if (Character.isDigit(snake.charAt(0))) {
            snake = fallback + "_" + snake;
        }
        return snake.length() <= max ? snake : trimUnderscores(snake.substring(0, max));
    }

    private static String trimUnderscores(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '_') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '_') {
            end--;
        }
        return text.substring(start, end);
    }
}
