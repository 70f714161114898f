package procos.das.generation.drafting.deterministic;

import procos.das.generation.description.Condition;

/**
 * A condition as a clause states it.
 *
 * @param variable   the process variable it reads ("items_available", "approved", "amount")
 * @param predicate  the variable without its subject ("available"), to match a variable set earlier
 * @param subject    the words of the subject ("items"), for pronouns that follow; may be empty
 * @param operator   the comparison; {@link Condition.Operator#IS_TRUE} / {@code IS_FALSE} for yes/no facts
 * @param value      the literal of a comparison, {@code null} for yes/no facts
 * @param refersBack "if so", "if yes": the condition is the outcome of the step before
 */
record ConditionPhrase(String variable, String predicate, String subject, Condition.Operator operator, Object value,
                       boolean refersBack) {

    boolean isBoolean() {
        return operator == Condition.Operator.IS_TRUE || operator == Condition.Operator.IS_FALSE;
    }

    ConditionPhrase negated() {
        Condition.Operator flipped = switch (operator) {
            case IS_TRUE -> Condition.Operator.IS_FALSE;
            case IS_FALSE -> Condition.Operator.IS_TRUE;
            case EQ -> Condition.Operator.NE;
            case NE -> Condition.Operator.EQ;
            case GT -> Condition.Operator.LE;
            case LE -> Condition.Operator.GT;
            case GE -> Condition.Operator.LT;
            case LT -> Condition.Operator.GE;
        };
        return new ConditionPhrase(variable, predicate, subject, flipped, value, refersBack);
    }

    ConditionPhrase onVariable(String name) {
        return new ConditionPhrase(name, predicate, subject, operator, value, false);
    }

    Condition condition() {
        return new Condition(variable, operator, isBoolean() ? null : value);
    }

    /** Whether this condition holds exactly when {@code other} does not. */
    boolean complements(ConditionPhrase other) {
        return variable.equals(other.variable) && other.negated().operator == operator
                && java.util.Objects.equals(value, other.value);
    }
}
