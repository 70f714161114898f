package procos.das.api.ask;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import procos.das.api.ApiProblem;
import procos.das.api.RequestBody;
import procos.das.rag.InvalidQuestionException;
import procos.das.rag.Question;

/**
 * A question as the API takes it: {@code question} (required), {@code top_k} (1 to
 * {@value Question#MAX_K}, default {@value Question#DEFAULT_K}) and {@code timeout_ms} (100 to
 * {@value #MAX_TIMEOUT_MS}, default {@value #DEFAULT_TIMEOUT_MS}); each refused with 422 naming it.
 */
public record AskRequest(Question question, Duration timeout) {

    public static final int DEFAULT_TIMEOUT_MS = 30_000;
    public static final int MAX_TIMEOUT_MS = 120_000;
    private static final Set<String> FIELDS = Set.of("question", "top_k", "timeout_ms");

    public static AskRequest from(Map<String, Object> body) {
        RequestBody fields = RequestBody.of(body, FIELDS);
        String text = fields.requiredString("question");
        int k = fields.integer("top_k", 1, Question.MAX_K).orElse(Question.DEFAULT_K);
        int timeoutMs = fields.integer("timeout_ms", 100, MAX_TIMEOUT_MS).orElse(DEFAULT_TIMEOUT_MS);
        try {
            return new AskRequest(new Question(text, k, Question.DEFAULT_MODE, Map.of()), Duration.ofMillis(timeoutMs));
        } catch (InvalidQuestionException e) {
            throw ApiProblem.unprocessable("question: " + e.getMessage());
        }
    }
}
