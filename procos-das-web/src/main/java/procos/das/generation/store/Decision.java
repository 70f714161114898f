package procos.das.generation.store;

import java.time.Instant;

/**
 * A person's approval or rejection, or the policy's automatic approval.
 *
 * @param actor the user who decided, or {@link #AUTOMATIC} when the policy let the draft pass
 */
public record Decision(boolean approved, String actor, String comment, Instant at) {

    public static final String AUTOMATIC = "policy:auto-approve";

    public boolean automatic() {
        return AUTOMATIC.equals(actor);
    }
}
