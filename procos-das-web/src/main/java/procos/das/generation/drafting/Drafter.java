package procos.das.generation.drafting;

/**
 * Writes a {@link procos.das.generation.description.ProcessDescription} for an intent. Two kinds
 * exist: a language model's, and the deterministic one used when no model is configured. Both are
 * asked again with the validation findings of their previous draft (the repair loop).
 */
public interface Drafter {

    /** A short name for reports and audit: {@code deterministic}, {@code llm}. */
    String name();

    Draft draft(DraftRequest request) throws DraftingException;
}
