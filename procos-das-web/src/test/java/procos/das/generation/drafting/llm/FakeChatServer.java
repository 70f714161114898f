package procos.das.generation.drafting.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import procos.das.rag.LanguageModel;
import procos.das.rag.PdeLanguageModel;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.endpoint.llm.LlmEndpoint;
import procos.pde.endpoint.llm.LlmSettings;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;

/**
 * A scripted model server speaking the OpenAI chat-completions API on a free loopback port, and the
 * server's own path to it: the PDE {@code llm} endpoint configured with its URL, registered and run
 * through a real PDE pipeline behind {@link PdeLanguageModel}.
 */
final class FakeChatServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> userPrompts = new CopyOnWriteArrayList<>();
    private final List<String> systemPrompts = new CopyOnWriteArrayList<>();
    /** What the model answers, given the user prompt it was sent. */
    private volatile UnaryOperator<String> script = prompt -> "";
    private volatile int status = 200;

    FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::complete);
        server.createContext("/v1/models", exchange -> respond(exchange, 200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-test\",\"object\":\"model\"}]}"));
        server.start();
    }

    /** Answers every request with {@code content}. */
    FakeChatServer answering(String content) {
        return answering(prompt -> content);
    }

    FakeChatServer answering(UnaryOperator<String> script) {
        this.script = script;
        return this;
    }

    /** Answers every request with an HTTP error. */
    FakeChatServer failingWith(int status) {
        this.status = status;
        return this;
    }

    List<String> userPrompts() {
        return List.copyOf(userPrompts);
    }

    List<String> systemPrompts() {
        return List.copyOf(systemPrompts);
    }

    /** The model as the DAS reaches it: PDE pipeline, {@code llm} endpoint, HTTP. */
    LanguageModel languageModel() {
        EndpointConfig config = new EndpointConfig("gpt", EndpointKind.LLM, Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(
                        LlmSettings.PROVIDER, "openai",
                        LlmSettings.BASE_URL, "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                        LlmSettings.MODEL, "gpt-test",
                        LlmSettings.API_KEY, "sk-test"));
        EndpointRegistry endpoints = new EndpointRegistry().register(LlmEndpoint.fromConfig(config));
        return new PdeLanguageModel(endpoints, new PipelineBuilder(endpoints).firstBackoff(Duration.ofMillis(1)).build());
    }

    private void complete(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String prompt = "";
            for (JsonNode message : request.path("messages")) {
                if (message.path("role").asText().equals("system")) {
                    systemPrompts.add(message.path("content").asText());
                } else if (message.path("role").asText().equals("user")) {
                    prompt = message.path("content").asText();
                }
            }
            userPrompts.add(prompt);
            if (status != 200) {
                respond(exchange, status, "{\"error\":{\"message\":\"model overloaded\"}}");
                return;
            }
            respond(exchange, 200, JSON.writeValueAsString(Map.of(
                    "id", "chatcmpl-1", "object", "chat.completion", "created", 1, "model", "gpt-test",
                    "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", script.apply(prompt)))),
                    "usage", Map.of("prompt_tokens", 100, "completion_tokens", 50, "total_tokens", 150))));
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
