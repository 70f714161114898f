package procos.das.rag;

/** How an answer was made. */
public enum AnswerMethod {
    /** Written by a language model from the retrieved chunks only, citing them. */
    GROUNDED,
    /** The retrieved sentences that best match the question, ranked, each cited. */
    EXTRACTIVE,
    /** Nothing in the knowledge base was relevant enough; no answer is invented. */
    NOT_FOUND
}
