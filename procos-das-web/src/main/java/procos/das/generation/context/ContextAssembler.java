package procos.das.generation.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import procos.das.generation.context.GenerationContext.Knowledge;
import procos.das.generation.context.GenerationContext.Pattern;
import procos.das.generation.context.GenerationContext.SimilarProcess;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.knowledge.embed.Embedder;
import procos.das.rag.Citation;
import procos.das.rag.Question;
import procos.logging.StructuredLogger;

/**
 * Builds the {@link GenerationContext} of an intent: the process patterns most like it, deployed
 * processes whose intent resembles it, and knowledge passages about it, within
 * {@link ContextSettings#maxChars()}. Similarity is judged by the embedding model when one is
 * given, by shared words when not. Context helps a drafter but is never required: a deployment list
 * or knowledge base that fails leaves its part empty rather than failing the draft.
 */
public final class ContextAssembler {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.generation");

    private final PatternLibrary patterns;
    private final TextSimilarity similarity;
    private final TextSimilarity fallback = new LexicalSimilarity();
    private final Supplier<List<DeployedProcess>> deployed;
    private final KnowledgeRetriever knowledge;
    private final ContextSettings settings;

    /**
     * @param embedder  the embedding model, or {@code null} to compare texts by their words
     * @param deployed  the processes deployed now, asked on every {@link #assemble}
     * @param knowledge the knowledge base, {@link KnowledgeRetriever#NONE} for none
     */
    public ContextAssembler(PatternLibrary patterns, Embedder embedder, Supplier<List<DeployedProcess>> deployed,
                            KnowledgeRetriever knowledge, ContextSettings settings) {
        this.patterns = Objects.requireNonNull(patterns, "patterns");
        this.similarity = embedder == null ? fallback : new EmbeddingSimilarity(embedder);
        this.deployed = Objects.requireNonNull(deployed, "deployed");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public GenerationContext assemble(NormalizedIntent intent) {
        Objects.requireNonNull(intent, "intent");
        String text = intent.text() == null ? "" : intent.text().strip();
        if (text.isEmpty()) {
            return GenerationContext.EMPTY;
        }
        long started = System.nanoTime();
        GenerationContext context = ContextBudget.fit(
                new GenerationContext(patternsFor(text), similarProcesses(text), knowledge(text)), settings.maxChars());
        LOG.info("generation_context_assembled").with("patterns", context.patterns().size())
                .with("similar_processes", context.similarProcesses().size()).with("knowledge", context.knowledge().size())
                .with("chars", ContextBudget.size(context)).durationSince(started).log();
        return context;
    }

    /** The {@link ContextSettings#patterns()} patterns most like the intent, best first. */
    public List<Pattern> patternsFor(String intent) {
        List<Pattern> library = patterns.patterns();
        double[] scores = scores(intent, library.stream().map(p -> p.name() + ": " + p.whenToUse()).toList());
        return best(scores, settings.patterns(), Double.NEGATIVE_INFINITY).stream().map(library::get).toList();
    }

    private List<SimilarProcess> similarProcesses(String intent) {
        if (settings.similarProcesses() == 0) {
            return List.of();
        }
        List<DeployedProcess> processes;
        try {
            processes = List.copyOf(deployed.get());
        } catch (RuntimeException e) {
            LOG.warn("generation_context_partial").with("part", "similar_processes").with("reason", e.getMessage()).log();
            return List.of();
        }
        if (processes.isEmpty()) {
            return List.of();
        }
        // A process deployed without an intent is still comparable by its name.
        double[] scores = scores(intent, processes.stream().map(p -> p.intent().isEmpty() ? p.name() : p.intent()).toList());
        List<SimilarProcess> similar = new ArrayList<>();
        for (int index : best(scores, settings.similarProcesses(), settings.minProcessSimilarity())) {
            DeployedProcess process = processes.get(index);
            similar.add(new SimilarProcess(process.key(), process.name(), process.intent(), scores[index]));
        }
        return similar;
    }

    private List<Knowledge> knowledge(String intent) {
        if (settings.knowledgePassages() == 0) {
            return List.of();
        }
        List<Citation> passages;
        try {
            String question = intent.length() > Question.MAX_CHARS ? intent.substring(0, Question.MAX_CHARS) : intent;
            passages = knowledge.retrieve(new Question(question, settings.knowledgePassages(), Question.DEFAULT_MODE, Map.of()));
        } catch (RuntimeException e) {
            LOG.warn("generation_context_partial").with("part", "knowledge").with("reason", e.getMessage()).log();
            return List.of();
        }
        return passages.stream().limit(settings.knowledgePassages())
                .map(p -> new Knowledge(p.sourceId(), Excerpt.of(p.text(), settings.passageChars()), p.relevance()))
                .toList();
    }

    private double[] scores(String intent, List<String> candidates) {
        if (similarity != fallback) {
            try {
                return similarity.scores(intent, candidates);
            } catch (RuntimeException e) {
                LOG.warn("generation_context_lexical").with("reason", e.getMessage()).log();
            }
        }
        return fallback.scores(intent, candidates);
    }

    /** Indexes of the {@code limit} highest scores at or above {@code min}, best first; ties keep their order. */
    private static List<Integer> best(double[] scores, int limit, double min) {
        return IntStream.range(0, scores.length).filter(i -> scores[i] >= min).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
                .limit(limit).toList();
    }
}
