package procos.das.generation.compile;

import java.math.BigDecimal;
import java.math.BigInteger;
import procos.das.generation.description.Condition;
import procos.das.generation.description.DescriptionChecker;

/**
 * Writes the JUEL expression of a {@link Condition}: the variable, one comparison operator, one
 * literal, nothing else, so what runs is exactly what the description says ({@code ${approved}},
 * {@code ${!approved}}, {@code ${amount > 1000}}, {@code ${status == 'rejected'}}). A string literal
 * is quoted with JUEL's own escapes; text that could still act as code is refused even though the
 * {@link DescriptionChecker} has already refused it, because this is the last line before the engine.
 */
final class ConditionExpressions {

    private ConditionExpressions() {
    }

    static String juel(Condition condition) {
        String variable = condition.variable();
        if (variable == null || !DescriptionChecker.VARIABLE.matcher(variable).matches()
                || DescriptionChecker.RESERVED_VARIABLES.contains(variable)) {
            throw new IllegalArgumentException("not a usable variable name: " + variable);
        }
        return switch (condition.operator()) {
            case IS_TRUE -> "${" + variable + "}";
            case IS_FALSE -> "${!" + variable + "}";
            case EQ -> compare(variable, "==", condition.value());
            case NE -> compare(variable, "!=", condition.value());
            case GT -> compare(variable, ">", condition.value());
            case GE -> compare(variable, ">=", condition.value());
            case LT -> compare(variable, "<", condition.value());
            case LE -> compare(variable, "<=", condition.value());
        };
    }

    private static String compare(String variable, String operator, Object value) {
        return "${" + variable + " " + operator + " " + literal(value) + "}";
    }

    static String literal(Object value) {
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (value instanceof String text) {
            return string(text);
        }
        throw new IllegalArgumentException("a condition compares with a string, a number or true/false, not " + value);
    }

    private static String number(Number number) {
        BigDecimal decimal;
        if (number instanceof BigDecimal big) {
            decimal = big;
        } else if (number instanceof BigInteger big) {
            decimal = new BigDecimal(big);
        } else if (number instanceof Double || number instanceof Float) {
            if (!Double.isFinite(number.doubleValue())) {
                throw new IllegalArgumentException("not a finite number: " + number);
            }
            decimal = BigDecimal.valueOf(number.doubleValue());
        } else {
            decimal = BigDecimal.valueOf(number.longValue());
        }
        // Plain digits: JUEL reads them as a long or a double, never as anything else.
        return decimal.stripTrailingZeros().scale() <= 0
                ? decimal.toBigIntegerExact().toString()
                : decimal.stripTrailingZeros().toPlainString();
    }

    /** A single-quoted JUEL string; backslash and quote are the only characters JUEL escapes. */
    private static String string(String text) {
        if (text.contains("${") || text.contains("#{")
                || text.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new IllegalArgumentException("a string literal may hold no expression marker and no control character");
        }
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
