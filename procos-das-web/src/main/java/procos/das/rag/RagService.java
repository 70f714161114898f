package procos.das.rag;

import java.util.List;
import java.util.Objects;
import procos.das.knowledge.embed.Embedder;
import procos.das.vector.VectorRepository;
import procos.logging.StructuredLogger;

/**
 * Answers questions from the knowledge base: retrieve the relevant chunks, then answer from them —
 * grounded by the language model when one is available, extractive when not or when the model's
 * reply cannot be shown to rest on the sources — or say it is not found. Never an empty answer,
 * never one without its sources.
 *
 * <p>{@link #ask} does it in one call; {@link #retrieve} and {@link #synthesize} are the two steps
 * the {@code rag_query} process runs as separate tasks.
 */
public final class RagService {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.rag");

    private final Embedder embedder;
    private final Retriever retriever;
    private final ExtractiveAnswerer extractive;
    private final GroundedAnswerer grounded;
    private final LanguageModel model;
    private final RagSettings settings;

    public RagService(Embedder embedder, VectorRepository store, LanguageModel model, RagSettings settings) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = Objects.requireNonNull(model, "model");
        this.retriever = new Retriever(Objects.requireNonNull(store, "store"), settings.minRelevance());
        this.extractive = new ExtractiveAnswerer(embedder, settings);
        this.grounded = new GroundedAnswerer(model);
    }

    public Answer ask(Question question) {
        long started = System.nanoTime();
        float[] vector = embed(question);
        Answer answer = answer(question, vector, retriever.retrieve(question, vector));
        LOG.info("rag_answered").with("method", answer.method().name()).with("sources", answer.sources().size())
                .with("note", answer.note()).durationSince(started).log();
        return answer;
    }

    /** The relevant chunks for {@code question}, numbered from 1; empty when nothing is relevant. */
    public List<Citation> retrieve(Question question) {
        return retriever.retrieve(question, embed(question));
    }

    /** The answer to {@code question} from chunks {@link #retrieve} found. */
    public Answer synthesize(Question question, List<Citation> retrieved) {
        return answer(question, embed(question), retrieved);
    }

    private Answer answer(Question question, float[] vector, List<Citation> retrieved) {
        if (retrieved.isEmpty()) {
            return Answer.notFound(question.text(), "no chunk reached relevance " + settings.minRelevance());
        }
        if (!model.available()) {
            return extractive.answer(question, vector, retrieved, "");
        }
        try {
            return grounded.answer(question, retrieved);
        } catch (GroundedAnswerer.Ungrounded e) {
            LOG.warn("rag_grounding_failed").with("reason", e.getMessage()).log();
            return extractive.answer(question, vector, retrieved, e.getMessage() + "; extractive answer given instead");
        }
    }

    private float[] embed(Question question) {
        return embedder.embedAll(List.of(question.text())).get(0);
    }
}
