package procos.kernel.config;

/**
 * One invalid or missing setting: which one, the value it had (already redacted for secrets) and
 * why it cannot be used. Reported together with every other problem so an operator fixes all of
 * them in one round.
 */
public record ConfigProblem(String setting, String value, String reason) {

    @Override
    public String toString() {
        return value == null
                ? setting + ": " + reason
                : setting + "='" + value + "': " + reason;
    }
}
