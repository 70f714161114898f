package procos.das.rag;

/** A question that cannot be searched for; the message names what is wrong with it. */
public final class InvalidQuestionException extends IllegalArgumentException {

    public InvalidQuestionException(String message) {
        super(message);
    }
}
