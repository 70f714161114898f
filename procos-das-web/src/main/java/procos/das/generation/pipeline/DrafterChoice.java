package procos.das.generation.pipeline;

import procos.das.generation.drafting.Drafter;
import procos.das.rag.LanguageModel;

/**
 * Which drafter writes a draft: the language model's when one is configured and healthy (unless the
 * operator pins the deterministic one), else the deterministic drafter.
 */
public final class DrafterChoice {

    /** {@code procos.generation.drafter}: {@code auto} (default), {@code deterministic} or {@code llm}. */
    public enum Mode { AUTO, DETERMINISTIC, LLM }

    private final Mode mode;
    private final LanguageModel model;
    private final Drafter deterministic;
    private final Drafter llm;

    public DrafterChoice(Mode mode, LanguageModel model, Drafter deterministic, Drafter llm) {
        this.mode = mode;
        this.model = model;
        this.deterministic = deterministic;
        this.llm = llm;
    }

    public Drafter current() {
        return switch (mode) {
            case DETERMINISTIC -> deterministic;
            case LLM -> llm;
            case AUTO -> model.available() ? llm : deterministic;
        };
    }

    public Drafter deterministic() {
        return deterministic;
    }
}
