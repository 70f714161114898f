package procos.pde.endpoint.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The model APIs an {@code llm} endpoint speaks, each through its langchain4j client. The client is
 * told never to retry: retries, back-off and fallbacks belong to the pipeline, which sees every
 * attempt, and a client retrying on its own would spend the task's deadline unseen.
 */
public enum LlmProvider {

    /** OpenAI's chat completions API and the many servers that copy it (vLLM, llama.cpp, LM Studio, gateways). */
    OPENAI {
        @Override
        ChatModel chatModel(LlmSettings settings, Duration timeout) {
            return OpenAiChatModel.builder()
                    .baseUrl(settings.baseUrl().orElseThrow().toString())
                    // Local compatible servers need no key, but the client insists on one.
                    .apiKey(settings.apiKey().orElse(NO_KEY))
                    .modelName(settings.model())
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
        }

        /** {@code GET <base_url>/models}: cheap, free, and it proves the key is accepted. */
        @Override
        HttpRequest.Builder probe(LlmSettings settings) {
            HttpRequest.Builder request = HttpRequest.newBuilder(resolve(settings, "models"));
            settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
            return request;
        }
    },

    /** An Ollama server's native API ({@code /api/chat}). */
    OLLAMA {
        @Override
        ChatModel chatModel(LlmSettings settings, Duration timeout) {
            return OllamaChatModel.builder()
                    .baseUrl(settings.baseUrl().orElseThrow().toString())
                    .modelName(settings.model())
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
        }

        /** {@code GET <base_url>/api/tags}, the list of local models: answers without loading one. */
        @Override
        HttpRequest.Builder probe(LlmSettings settings) {
            return HttpRequest.newBuilder(resolve(settings, "api/tags"));
        }
    };

    private static final String NO_KEY = "none";

    /** A client for one call, whose timeout is that call's budget. */
    abstract ChatModel chatModel(LlmSettings settings, Duration timeout);

    /** The request of the reachability check, without its timeout. */
    abstract HttpRequest.Builder probe(LlmSettings settings);

    /** The spelling used in YAML. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<LlmProvider> fromYaml(String text) {
        return Arrays.stream(values()).filter(provider -> provider.yamlName().equals(text)).findFirst();
    }

    private static URI resolve(LlmSettings settings, String path) {
        return URI.create(settings.baseUrl().orElseThrow() + "/" + path);
    }
}
