package procos.pde.endpoint.llm;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Locale;
import java.util.Optional;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.JsonText;
import procos.pde.v1.Finding;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Severity;

/**
 * Turns a model's answer into the task's outputs: {@code text}, {@code model} (as the server named
 * it), {@code finish_reason} (stop, length, content_filter, tool_execution, other), {@code usage}
 * ({@code input_tokens}, {@code output_tokens}, {@code total_tokens}, as far as the server counted)
 * and, when JSON was asked for, the parsed answer under {@code json}.
 *
 * <p>No confidence is set: chat APIs give no calibrated score, so the PDE scores the answer itself.
 * An answer cut off at the token limit carries a WARNING finding, which in PROBABILISTIC mode is
 * fed back to the next iteration.
 */
final class ChatOutputs {

    /** Rule id of the finding on an answer cut off at {@code max_tokens}. */
    static final String TRUNCATED_RULE = "llm.truncated";

    private ChatOutputs() {
    }

    static InvokeResponse response(ChatResponse answer, boolean json, String configuredModel) throws EndpointException {
        String text = answer.aiMessage() == null || answer.aiMessage().text() == null ? "" : answer.aiMessage().text();
        Struct.Builder outputs = Struct.newBuilder()
                .putFields("text", string(text))
                .putFields("model", string(answer.modelName() == null ? configuredModel : answer.modelName()));
        FinishReason finish = answer.finishReason();
        if (finish != null) {
            outputs.putFields("finish_reason", string(finish.name().toLowerCase(Locale.ROOT)));
        }
        usage(answer.tokenUsage()).ifPresent(usage -> outputs.putFields("usage", Value.newBuilder().setStructValue(usage).build()));
        if (json) {
            Value parsed = JsonText.parse(withoutCodeFence(text)).orElseThrow(() -> LlmErrors.notJson(finish));
            outputs.putFields("json", parsed);
        }
        InvokeResponse.Builder response = InvokeResponse.newBuilder().setOutputs(outputs);
        if (finish == FinishReason.LENGTH) {
            response.addFindings(Finding.newBuilder().setRule(TRUNCATED_RULE).setSeverity(Severity.WARNING)
                    .setFieldPath("text")
                    .setMessage("the answer was cut off at the token limit; ask for a shorter answer or raise max_tokens"));
        }
        return response.build();
    }

    private static Optional<Struct> usage(TokenUsage usage) {
        if (usage == null) {
            return Optional.empty();
        }
        Struct.Builder struct = Struct.newBuilder();
        count(struct, "input_tokens", usage.inputTokenCount());
        count(struct, "output_tokens", usage.outputTokenCount());
        count(struct, "total_tokens", usage.totalTokenCount());
        return struct.getFieldsCount() == 0 ? Optional.empty() : Optional.of(struct.build());
    }

    private static void count(Struct.Builder struct, String name, Integer count) {
        if (count != null) {
            struct.putFields(name, Value.newBuilder().setNumberValue(count).build());
        }
    }

    /** Models asked for JSON often still wrap it in a Markdown code fence; the fence is not part of the value. */
    static String withoutCodeFence(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("```") || !trimmed.endsWith("```") || trimmed.length() < 6) {
            return trimmed;
        }
        String inner = trimmed.substring(3, trimmed.length() - 3);
        int firstLineEnd = inner.indexOf('\n');
        // The opening fence may name a language (```json); that line is not content.
        return (firstLineEnd < 0 ? inner : inner.substring(firstLineEnd + 1)).strip();
    }

    private static Value string(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }
}
