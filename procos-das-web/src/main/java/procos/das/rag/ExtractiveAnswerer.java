package procos.das.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import procos.das.knowledge.embed.Embedder;

/**
 * The answer without a language model: the sentences of the retrieved chunks closest in meaning to
 * the question, best first, each followed by the number of the chunk it comes from. Nothing is
 * written that the knowledge base does not say.
 */
final class ExtractiveAnswerer {

    private record Candidate(String sentence, Citation from) {
    }

    private record Scored(Candidate candidate, double relevance) {
    }

    private final Embedder embedder;
    private final RagSettings settings;

    ExtractiveAnswerer(Embedder embedder, RagSettings settings) {
        this.embedder = embedder;
        this.settings = settings;
    }

    Answer answer(Question question, float[] questionVector, List<Citation> retrieved, String note) {
        List<Candidate> candidates = new ArrayList<>();
        for (Citation citation : retrieved) {
            for (String sentence : Sentences.of(citation.text())) {
                if (candidates.size() < settings.sentenceCandidates()) {
                    candidates.add(new Candidate(sentence, citation));
                }
            }
        }
        if (candidates.isEmpty()) {
            return Answer.notFound(question.text(), "the relevant chunks hold no sentences");
        }
        List<float[]> vectors = embedder.embedAll(candidates.stream().map(Candidate::sentence).toList());
        List<Scored> best = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            best.add(new Scored(candidates.get(i), Retriever.cosine(questionVector, vectors.get(i))));
        }
        best.sort(Comparator.comparingDouble(Scored::relevance).reversed());
        // The best sentence always stands (its chunk was relevant); the others must be relevant themselves.
        List<Scored> chosen = new ArrayList<>(List.of(best.get(0)));
        for (Scored scored : best.subList(1, best.size())) {
            if (chosen.size() < settings.maxSentences() && scored.relevance() >= settings.minRelevance()) {
                chosen.add(scored);
            }
        }
        Map<String, Citation> cited = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (Scored scored : chosen) {
            Citation from = scored.candidate().from();
            Citation renumbered = cited.computeIfAbsent(from.chunkId(), id -> from.numbered(cited.size() + 1));
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(scored.candidate().sentence()).append(" [").append(renumbered.number()).append(']');
        }
        return new Answer(question.text(), text.toString(), AnswerMethod.EXTRACTIVE, List.copyOf(cited.values()), note);
    }
}
