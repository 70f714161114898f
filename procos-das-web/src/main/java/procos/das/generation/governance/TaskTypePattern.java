package procos.das.generation.governance;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the forbidden task types: an exact task type ({@code files.delete}) or a prefix
 * ending in {@code *} ({@code script.*}). Matching ignores case: a PDE topic differs from a
 * forbidden one in case only by accident or by evasion, and forbidding too much is the safe error.
 */
public record TaskTypePattern(String text) {

    /** Task type characters, optionally ending in one {@code *}. */
    static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9_.:-]*\\*?");

    public TaskTypePattern {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("not a task type or a prefix ending in *: '" + text + "'");
        }
    }

    public boolean matches(String taskType) {
        if (taskType == null) {
            return false;
        }
        String candidate = taskType.trim().toLowerCase(Locale.ROOT);
        String pattern = text.toLowerCase(Locale.ROOT);
        return pattern.endsWith("*")
                ? candidate.startsWith(pattern.substring(0, pattern.length() - 1))
                : candidate.equals(pattern);
    }

    @Override
    public String toString() {
        return text;
    }
}
