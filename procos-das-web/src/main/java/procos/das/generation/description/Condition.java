package procos.das.generation.description;

/**
 * A comparison of one process variable with a literal; ProcOS writes the expression itself, so a
 * drafter never supplies expression text.
 *
 * @param value the literal (string, number or boolean); ignored by {@link Operator#IS_TRUE} and {@link Operator#IS_FALSE}
 */
public record Condition(String variable, Operator operator, Object value) {

    public enum Operator { EQ, NE, GT, GE, LT, LE, IS_TRUE, IS_FALSE }

    public static Condition isTrue(String variable) {
        return new Condition(variable, Operator.IS_TRUE, null);
    }

    public static Condition isFalse(String variable) {
        return new Condition(variable, Operator.IS_FALSE, null);
    }

    public static Condition equalTo(String variable, Object value) {
        return new Condition(variable, Operator.EQ, value);
    }
}
