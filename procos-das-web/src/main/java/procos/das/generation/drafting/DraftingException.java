package procos.das.generation.drafting;

/**
 * A drafter could not produce a description: the intent has no actionable step, or the model's
 * answer is unusable. The message says which, for the person who asked.
 */
public class DraftingException extends Exception {

    private final String code;

    public DraftingException(String code, String message) {
        super(message);
        this.code = code;
    }

    public DraftingException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable reason code: {@code NO_ACTIONABLE_STEP}, {@code UNSUPPORTED_LANGUAGE}, {@code MODEL_OUTPUT_INVALID}, … */
    public String code() {
        return code;
    }
}
