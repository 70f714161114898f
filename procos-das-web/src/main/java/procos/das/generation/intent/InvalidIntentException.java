package procos.das.generation.intent;

/**
 * An intent that cannot be drafted from: empty, too long, or without words. The {@link #code()} is
 * stable for callers; the message says what is wrong for the person who wrote it.
 */
public class InvalidIntentException extends Exception {

    /** Nothing left after trimming. */
    public static final String EMPTY = "INTENT_EMPTY";
    /** Longer than {@link IntentNormalizer#MAX_CHARACTERS} after trimming. */
    public static final String TOO_LONG = "INTENT_TOO_LONG";
    /** Symbols and digits only: nothing to read as a process. */
    public static final String NO_LETTERS = "INTENT_NO_LETTERS";

    private final String code;

    public InvalidIntentException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
