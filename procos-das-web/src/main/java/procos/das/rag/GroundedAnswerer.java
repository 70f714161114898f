package procos.das.rag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer written by a language model from the retrieved chunks only. The model sees the chunks
 * as numbered sources and must cite them; a reply that cites none of them is not taken as an answer,
 * since nothing would show it came from the knowledge base.
 */
final class GroundedAnswerer {

    static final String SYSTEM = """
            You answer questions using only the numbered sources given with the question.
            Cite the sources each statement rests on by their numbers in square brackets, for example [1] or [2][3].
            Do not use any knowledge that is not in the sources.
            If the sources do not contain the answer, reply exactly: %s""".formatted(Answer.NOT_FOUND_TEXT);

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3})]");

    /** Why a grounded answer could not be given; the caller answers extractively instead. */
    static final class Ungrounded extends Exception {
        Ungrounded(String message) {
            super(message);
        }
    }

    private final LanguageModel model;

    GroundedAnswerer(LanguageModel model) {
        this.model = model;
    }

    Answer answer(Question question, List<Citation> retrieved) throws Ungrounded {
        String reply;
        try {
            reply = model.complete(SYSTEM, prompt(question, retrieved));
        } catch (Exception e) {
            throw new Ungrounded("the language model failed: " + e.getMessage());
        }
        if (reply == null || reply.isBlank()) {
            throw new Ungrounded("the language model gave an empty reply");
        }
        if (reply.toLowerCase(Locale.ROOT).contains("not found in the knowledge base")) {
            return Answer.notFound(question.text(), "the language model found no answer in the retrieved sources");
        }
        Map<Integer, Citation> cited = new LinkedHashMap<>();
        Matcher matcher = CITATION.matcher(reply);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            int number = Integer.parseInt(matcher.group(1));
            String replacement = "";
            if (number >= 1 && number <= retrieved.size()) {
                Citation source = retrieved.get(number - 1);
                Citation renumbered = cited.computeIfAbsent(number, n -> source.numbered(cited.size() + 1));
                replacement = "[" + renumbered.number() + "]";
            }
            // A citation of a source that was never given is dropped rather than passed on.
            matcher.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(text);
        if (cited.isEmpty()) {
            throw new Ungrounded("the language model's reply cited none of the sources");
        }
        return new Answer(question.text(), text.toString().strip(), AnswerMethod.GROUNDED, List.copyOf(cited.values()), "");
    }

    static String prompt(Question question, List<Citation> sources) {
        StringBuilder prompt = new StringBuilder("Sources:\n");
        for (Citation source : sources) {
            prompt.append('[').append(source.number()).append("] (from ").append(source.sourceId()).append(")\n")
                    .append(source.text().strip()).append("\n\n");
        }
        return prompt.append("Question: ").append(question.text()).toString();
    }
}
