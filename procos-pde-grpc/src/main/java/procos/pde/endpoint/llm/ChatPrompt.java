package procos.pde.endpoint.llm;

import com.google.protobuf.Value;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.v1.Mode;

/**
 * What to ask the model, read from a task's inputs and checked completely before anything is sent:
 * {@code prompt} (one user message) or {@code messages} (a list of {@code {role, content}} with
 * roles system, user and assistant), an optional {@code system} instruction put first,
 * {@code temperature}, {@code max_tokens} and {@code json} (ask for a JSON answer).
 *
 * <p>Temperature comes from the task, else the endpoint's setting, else 0 when the task runs
 * DETERMINISTIC (the contract's hint that the same inputs should give the same outputs), else the
 * provider's default.
 *
 * @param request the request for the model
 * @param json    whether the answer must be JSON and is parsed
 */
record ChatPrompt(ChatRequest request, boolean json) {

    private static final List<String> ROLES = List.of("system", "user", "assistant");

    static ChatPrompt parse(InvokeInputs inputs, Mode mode, LlmSettings settings) throws EndpointException {
        List<ChatMessage> messages = new ArrayList<>();
        Optional<String> system = inputs.string("system");
        system.ifPresent(text -> messages.add(SystemMessage.from(text)));
        Optional<String> prompt = inputs.string("prompt");
        Optional<Value> conversation = inputs.value("messages");
        if (prompt.isPresent() && conversation.isPresent()) {
            throw InvokeInputs.invalid("give input 'prompt' or 'messages', not both");
        }
        if (prompt.isPresent()) {
            if (prompt.get().isBlank()) {
                throw InvokeInputs.invalid("input 'prompt' is empty");
            }
            messages.add(UserMessage.from(prompt.get()));
        } else if (conversation.isPresent()) {
            messages.addAll(conversation(conversation.get()));
        } else {
            throw InvokeInputs.invalid("input 'prompt' (or 'messages') is required");
        }

        boolean json = inputs.bool("json", false);
        DefaultChatRequestParameters.Builder<?> parameters = DefaultChatRequestParameters.builder();
        temperature(inputs, mode, settings).ifPresent(parameters::temperature);
        OptionalLong maxTokens = inputs.positiveLong("max_tokens");
        if (maxTokens.isPresent()) {
            if (maxTokens.getAsLong() > Integer.MAX_VALUE) {
                throw InvokeInputs.invalid("input 'max_tokens' must be at most " + Integer.MAX_VALUE);
            }
            parameters.maxOutputTokens((int) maxTokens.getAsLong());
        } else {
            settings.maxTokens().ifPresent(parameters::maxOutputTokens);
        }
        if (json) {
            parameters.responseFormat(ResponseFormat.JSON);
        }
        return new ChatPrompt(ChatRequest.builder().messages(messages).parameters(parameters.build()).build(), json);
    }

    private static Optional<Double> temperature(InvokeInputs inputs, Mode mode, LlmSettings settings)
            throws EndpointException {
        OptionalDouble fromTask = inputs.decimal("temperature", 0, LlmSettings.MAX_TEMPERATURE);
        if (fromTask.isPresent()) {
            return Optional.of(fromTask.getAsDouble());
        }
        if (settings.temperature().isPresent()) {
            return Optional.of(settings.temperature().getAsDouble());
        }
        return mode == Mode.DETERMINISTIC ? Optional.of(0.0) : Optional.empty();
    }

    private static List<ChatMessage> conversation(Value value) throws EndpointException {
        if (!value.hasListValue() || value.getListValue().getValuesCount() == 0) {
            throw InvokeInputs.invalid("input 'messages' must be a non-empty list of {role, content}");
        }
        List<ChatMessage> messages = new ArrayList<>();
        List<Value> items = value.getListValue().getValuesList();
        for (int i = 0; i < items.size(); i++) {
            String field = "messages[" + i + "]";
            Value item = items.get(i);
            if (!item.hasStructValue()) {
                throw InvokeInputs.invalid("input '" + field + "' must be an object {role, content}");
            }
            String role = text(item, "role", field);
            String content = text(item, "content", field);
            messages.add(switch (role) {
                case "system" -> SystemMessage.from(content);
                case "user" -> UserMessage.from(content);
                case "assistant" -> AiMessage.from(content);
                default -> throw InvokeInputs.invalid("input '" + field + ".role' must be one of "
                        + String.join(", ", ROLES) + ", got '" + role + "'");
            });
        }
        return messages;
    }

    private static String text(Value item, String name, String field) throws EndpointException {
        Value value = item.getStructValue().getFieldsMap().get(name);
        if (value == null || !value.hasStringValue() || value.getStringValue().isBlank()) {
            throw InvokeInputs.invalid("input '" + field + "." + name + "' must be a non-empty string");
        }
        return value.getStringValue();
    }
}
