package procos.das.generation.drafting.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import procos.das.generation.description.DescriptionJson;
import procos.das.generation.description.InvalidDescriptionException;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.drafting.Draft;
import procos.das.generation.drafting.DraftRequest;
import procos.das.generation.drafting.Drafter;
import procos.das.generation.drafting.DraftingException;
import procos.das.rag.LanguageModel;
import procos.logging.StructuredLogger;

/**
 * Drafts with a language model: the model is told the description's JSON contract and given the
 * intent, its context and, on a repair, the previous draft with its findings; its reply is read as
 * one JSON object and accepted only as a valid {@link ProcessDescription}. The model never writes
 * BPMN, expressions or scripts — the description types cannot carry them, and expression syntax in
 * any text is refused before the description is read.
 */
public final class LlmDrafter implements Drafter {

    public static final String NAME = "llm";
    /** The model's answer is not a usable description; the message lists the problems. */
    public static final String MODEL_OUTPUT_INVALID = "MODEL_OUTPUT_INVALID";
    /** No model is configured, or it failed to answer. */
    public static final String MODEL_UNAVAILABLE = "MODEL_UNAVAILABLE";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.generation");

    private final LanguageModel model;

    public LlmDrafter(LanguageModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether a model is there to ask; when not, {@link #draft} fails with {@value #MODEL_UNAVAILABLE}. */
    public boolean available() {
        return model.available();
    }

    @Override
    public Draft draft(DraftRequest request) throws DraftingException {
        Objects.requireNonNull(request, "request");
        if (request.intent() == null || request.intent().text() == null || request.intent().text().isBlank()) {
            throw new IllegalArgumentException("the draft request has no intent text");
        }
        if (!model.available()) {
            throw new DraftingException(MODEL_UNAVAILABLE, "no language model is available to draft with");
        }
        long started = System.nanoTime();
        String reply = ask(request);
        ProcessDescription description;
        try {
            description = read(reply);
        } catch (InvalidDescriptionException e) {
            LOG.warn("llm_draft_refused").with("attempt", request.attempt()).with("problems", e.problems().size())
                    .durationSince(started).log();
            throw new DraftingException(MODEL_OUTPUT_INVALID,
                    "the language model's answer is not a valid process description: " + String.join("; ", e.problems()), e);
        }
        LOG.info("llm_drafted").with("attempt", request.attempt()).with("steps", description.steps().size())
                .durationSince(started).log();
        return new Draft(description, NAME, notes(request));
    }

    private String ask(DraftRequest request) throws DraftingException {
        try {
            return model.complete(SystemPrompt.text(), UserPrompt.of(request));
        } catch (Exception e) {
            LOG.warn("llm_draft_failed").with("attempt", request.attempt()).with("reason", e.getMessage()).log();
            throw new DraftingException(MODEL_UNAVAILABLE, "the language model could not answer: " + e.getMessage(), e);
        }
    }

    /** The description in {@code reply}, or every problem found on the way to it. */
    static ProcessDescription read(String reply) throws InvalidDescriptionException {
        ReplyJson.Found json = ReplyJson.extract(reply);
        List<String> unsafe = ExpressionGuard.problems(json.tree());
        if (!unsafe.isEmpty()) {
            throw new InvalidDescriptionException(unsafe);
        }
        return DescriptionJson.read(json.text());
    }

    private static List<String> notes(DraftRequest request) {
        List<String> notes = new ArrayList<>();
        if (UserPrompt.intentIsCut(request.intent())) {
            notes.add("the intent is longer than " + UserPrompt.MAX_INTENT_CHARS
                    + " characters; the model was given only its first " + UserPrompt.MAX_INTENT_CHARS);
        }
        return notes;
    }
}
