package procos.pde.endpoint.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.pde.endpoint.Invocations.relaxed;
import static procos.pde.endpoint.Invocations.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Struct;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.TestServer;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeResponse;

/** The Ollama provider: the real langchain4j client against an Ollama-compatible server over HTTP. */
class OllamaEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer()
                .route("/api/chat", exchange -> TestServer.respond(exchange, 200, "application/json", """
                        {"model":"llama3.2","created_at":"2025-01-01T00:00:00Z",
                         "message":{"role":"assistant","content":"{\\"answer\\":42}"},
                         "done":true,"done_reason":"stop","prompt_eval_count":9,"eval_count":4}"""))
                .route("/api/tags", exchange -> TestServer.respond(exchange, 200, "application/json",
                        "{\"models\":[{\"name\":\"llama3.2\"}]}"))
                .start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void chatsThroughTheNativeApiAndParsesTheJsonAnswer() throws Exception {
        LlmEndpoint endpoint = LlmEndpoint.fromConfig(new EndpointConfig("local", EndpointKind.LLM, Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(
                LlmSettings.PROVIDER, "ollama",
                LlmSettings.BASE_URL, server.url(""),
                LlmSettings.MODEL, "llama3.2",
                LlmSettings.TEMPERATURE, "0.2")));

        InvokeResponse response = endpoint.invoke(
                request("llm.chat", "{\"prompt\":\"What is six times seven? Answer in JSON.\",\"json\":true}"), relaxed());

        JsonNode sent = JSON.readTree(server.last().body());
        assertThat(server.last().path()).isEqualTo("/api/chat");
        assertThat(sent.path("model").asText()).isEqualTo("llama3.2");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("What is six times seven? Answer in JSON.");
        assertThat(sent.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("format").asText()).isEqualTo("json");
        Struct outputs = response.getOutputs();
        assertThat(outputs.getFieldsOrThrow("json").getStructValue().getFieldsOrThrow("answer").getNumberValue()).isEqualTo(42);
        assertThat(outputs.getFieldsOrThrow("finish_reason").getStringValue()).isEqualTo("stop");
        assertThat(outputs.getFieldsOrThrow("usage").getStructValue().getFieldsOrThrow("input_tokens").getNumberValue())
                .isEqualTo(9);
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.HEALTHY);
        assertThat(server.hits("/api/tags")).isEqualTo(1);
    }
}
