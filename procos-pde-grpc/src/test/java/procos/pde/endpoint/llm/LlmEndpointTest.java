package procos.pde.endpoint.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static procos.pde.endpoint.Invocations.relaxed;
import static procos.pde.endpoint.Invocations.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Struct;
import io.grpc.Deadline;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.ClosedPort;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.TestServer;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Mode;
import procos.pde.v1.Severity;

/** The OpenAI provider: the real langchain4j client against an OpenAI-compatible server over HTTP. */
class LlmEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-test-9f8e7d6c5b4a";

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    private TestServer server;
    /** What /v1/chat/completions answers next: status and body. */
    private volatile int status = 200;
    private volatile String answer = completion("Hello, Ada.", "stop");

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer()
                .route("/v1/chat/completions", exchange -> TestServer.respond(exchange, status, "application/json", answer))
                .route("/v1/models", exchange -> TestServer.respond(exchange, status, "application/json",
                        "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-test\",\"object\":\"model\"}]}"))
                .route("/hung/v1/chat/completions", exchange -> server.hang())
                .start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void sendsModelMessagesAndTemperatureAndReturnsTextUsageAndFinishReason() throws Exception {
        InvokeResponse response = endpoint(Map.of()).invoke(
                request("llm.chat", "{\"prompt\":\"Greet Ada.\",\"system\":\"Be brief.\",\"temperature\":0.3}"), relaxed());

        JsonNode sent = JSON.readTree(server.last().body());
        assertThat(sent.path("model").asText()).isEqualTo("gpt-test");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("messages")).hasSize(2);
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Be brief.");
        assertThat(sent.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("Greet Ada.");
        assertThat(server.last().header("Authorization")).isEqualTo("Bearer " + KEY);

        Struct outputs = response.getOutputs();
        assertThat(outputs.getFieldsOrThrow("text").getStringValue()).isEqualTo("Hello, Ada.");
        assertThat(outputs.getFieldsOrThrow("model").getStringValue()).isEqualTo("gpt-test-2025");
        assertThat(outputs.getFieldsOrThrow("finish_reason").getStringValue()).isEqualTo("stop");
        Struct usage = outputs.getFieldsOrThrow("usage").getStructValue();
        assertThat(usage.getFieldsOrThrow("input_tokens").getNumberValue()).isEqualTo(12);
        assertThat(usage.getFieldsOrThrow("output_tokens").getNumberValue()).isEqualTo(3);
        assertThat(usage.getFieldsOrThrow("total_tokens").getNumberValue()).isEqualTo(15);
        assertThat(response.hasConfidence()).isFalse();
        assertThat(response.getFindingsList()).isEmpty();

        JsonNode event = log.events("llm_call").get(0);
        assertThat(event.path("outcome").asText()).isEqualTo("ok");
        assertThat(event.path("model").asText()).isEqualTo("gpt-test");
        assertThat(event.path("input_tokens").asLong()).isEqualTo(12);
        assertThat(event.path("correlation_id").asText()).isEqualTo("corr-1");
        assertThat(String.join("\n", log.lines())).doesNotContain("Greet Ada").doesNotContain("Hello, Ada");
    }

    @Test
    void aConversationIsSentInOrderAndDeterministicTasksAskForTemperatureZero() throws Exception {
        InvokeRequest conversation = request("llm.chat", """
                {"messages":[{"role":"user","content":"2+2?"},{"role":"assistant","content":"4"},
                             {"role":"user","content":"and 3+3?"}],
                 "max_tokens": 50}""").toBuilder().setMode(Mode.DETERMINISTIC).build();

        endpoint(Map.of()).invoke(conversation, relaxed());

        JsonNode sent = JSON.readTree(server.last().body());
        assertThat(sent.path("messages")).extracting(m -> m.path("role").asText() + ":" + m.path("content").asText())
                .containsExactly("user:2+2?", "assistant:4", "user:and 3+3?");
        assertThat(sent.path("temperature").asDouble(-1)).isEqualTo(0.0);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void jsonModeAsksForJsonAndParsesTheAnswerEvenInsideACodeFence() throws Exception {
        answer = completion("```json\n{\"label\":\"invoice\",\"score\":0.9}\n```", "stop");

        InvokeResponse response = endpoint(Map.of()).invoke(
                request("llm.chat", "{\"prompt\":\"Classify as JSON.\",\"json\":true}"), relaxed());

        assertThat(JSON.readTree(server.last().body()).path("response_format").path("type").asText()).isEqualTo("json_object");
        Struct json = response.getOutputs().getFieldsOrThrow("json").getStructValue();
        assertThat(json.getFieldsOrThrow("label").getStringValue()).isEqualTo("invoice");
        assertThat(json.getFieldsOrThrow("score").getNumberValue()).isEqualTo(0.9);
    }

    @Test
    void anAnswerThatIsNotJsonWhenJsonWasAskedForIsARetryableError() {
        answer = completion("Sure! Here it is: label=invoice", "length");

        EndpointException error = invokeFailing(endpoint(Map.of()), "{\"prompt\":\"Classify.\",\"json\":true}");

        assertThat(error.code()).isEqualTo(LlmErrors.OUTPUT_NOT_JSON);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("cut off at the token limit");
    }

    @Test
    void anAnswerCutOffAtTheTokenLimitCarriesAWarning() throws Exception {
        answer = completion("A long story that never", "length");

        InvokeResponse response = endpoint(Map.of()).invoke(request("llm.chat", "{\"prompt\":\"Tell a story.\"}"), relaxed());

        assertThat(response.getOutputs().getFieldsOrThrow("finish_reason").getStringValue()).isEqualTo("length");
        assertThat(response.getFindingsList()).singleElement().satisfies(finding -> {
            assertThat(finding.getRule()).isEqualTo(ChatOutputs.TRUNCATED_RULE);
            assertThat(finding.getSeverity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void aRefusedKeyIsAPermanentErrorThatNeverShowsTheKey() {
        status = 401;
        // Some servers echo the key they refused.
        answer = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"code\":\"invalid_api_key\"}}";

        LlmEndpoint endpoint = endpoint(Map.of());
        EndpointException error = invokeFailing(endpoint, "{\"prompt\":\"Hi\"}");

        assertThat(error.code()).isEqualTo(LlmErrors.AUTHENTICATION_FAILED);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("HTTP 401").contains("Incorrect API key").doesNotContain(KEY);
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(endpoint.health().getMessage()).contains("refused the credentials");
        assertThat(endpoint.describe().toString()).doesNotContain(KEY);
        assertThat(endpoint.settings().toString()).doesNotContain(KEY).contains("apiKey=***");
        assertThat(String.join("\n", log.lines())).doesNotContain(KEY);
    }

    @ParameterizedTest
    @CsvSource({"500, UNAVAILABLE", "503, UNAVAILABLE", "429, RATE_LIMITED"})
    void serverErrorsAndRateLimitsAreRetryable(int failure, String code) {
        status = failure;
        answer = "{\"error\":{\"message\":\"busy\"}}";

        EndpointException error = invokeFailing(endpoint(Map.of()), "{\"prompt\":\"Hi\"}");

        assertThat(error.code()).isEqualTo(code);
        assertThat(error.retryable()).isTrue();
        assertThat(server.hits("/v1/chat/completions")).as("the client itself must not retry").isEqualTo(1);
    }

    @Test
    void aBadRequestIsPermanent() {
        status = 400;
        answer = "{\"error\":{\"message\":\"max_tokens is too large\"}}";

        EndpointException error = invokeFailing(endpoint(Map.of()), "{\"prompt\":\"Hi\"}");

        assertThat(error.code()).isEqualTo(LlmErrors.REQUEST_REFUSED);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("max_tokens is too large");
    }

    @Test
    void aHungServerIsAbandonedAtTheTaskDeadline() {
        LlmEndpoint endpoint = endpoint(Map.of(LlmSettings.BASE_URL, server.url("/hung/v1")));

        EndpointException error = catchThrowableOfType(EndpointException.class, () -> endpoint.invoke(
                request("llm.chat", "{\"prompt\":\"Hi\"}"), Deadline.after(500, TimeUnit.MILLISECONDS)));

        assertThat(error.code()).isEqualTo(LlmErrors.DEADLINE_EXCEEDED);
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void anUnreachableServerIsRetryableAndUnhealthy() {
        LlmEndpoint endpoint = endpoint(Map.of(LlmSettings.BASE_URL, "http://127.0.0.1:" + ClosedPort.find() + "/v1"));

        EndpointException error = invokeFailing(endpoint, "{\"prompt\":\"Hi\"}");

        assertThat(error.code()).isEqualTo(LlmErrors.UNAVAILABLE);
        assertThat(error.retryable()).isTrue();
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(endpoint.health().getMessage()).contains("cannot reach model server '127.0.0.1'");
    }

    @Test
    void healthIsCheckedAgainstTheModelListAndRemembered() {
        LlmEndpoint endpoint = endpoint(Map.of());

        assertThat(endpoint.health().getState()).isEqualTo(HealthState.HEALTHY);
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.HEALTHY);

        assertThat(server.hits("/v1/models")).isEqualTo(1);
        assertThat(server.last().header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void anEndpointWithoutBaseUrlIsRegisteredButRefusesCallsSayingWhatToSet() {
        Map<String, String> settings = new HashMap<>(Map.of(LlmSettings.PROVIDER, "openai", LlmSettings.BASE_URL, "  "));
        LlmEndpoint endpoint = LlmEndpoint.fromConfig(config(settings));

        EndpointException error = invokeFailing(endpoint, "{\"prompt\":\"Hi\"}");

        assertThat(endpoint.settings().configured()).isFalse();
        assertThat(error.code()).isEqualTo(LlmErrors.NOT_CONFIGURED);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).isEqualTo("no model configured: set base_url and model in the settings of endpoint 'gpt'");
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(endpoint.health().getMessage()).startsWith("not configured: set base_url");
        assertThat(endpoint.describe().getDescription()).contains("not configured");
        assertThat(endpoint.describe().getCapabilitiesList()).extracting(c -> c.getTaskType()).containsExactly("llm.chat");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void badInputsAreRefusedByNameBeforeAnythingIsSent() {
        LlmEndpoint endpoint = endpoint(Map.of());

        assertThat(invokeFailing(endpoint, "{}").getMessage()).isEqualTo("input 'prompt' (or 'messages') is required");
        assertThat(invokeFailing(endpoint, "{\"prompt\":\"a\",\"messages\":[]}").getMessage())
                .isEqualTo("give input 'prompt' or 'messages', not both");
        assertThat(invokeFailing(endpoint, "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}").getMessage())
                .isEqualTo("input 'messages[0].role' must be one of system, user, assistant, got 'wizard'");
        assertThat(invokeFailing(endpoint, "{\"prompt\":\"a\",\"temperature\":7}").getMessage())
                .isEqualTo("input 'temperature' must be between 0.0 and 2.0");
        assertThat(invokeFailing(endpoint, "{\"prompt\":\"a\"}", "summarize").code()).isEqualTo(LlmErrors.UNSUPPORTED_TASK_TYPE);
        assertThat(invokeFailing(endpoint, "{}").code()).isEqualTo(InvokeInputs.INVALID_INPUT);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void configuredTaskTypesAreServedAndDescribed() throws Exception {
        LlmEndpoint endpoint = endpoint(Map.of(LlmSettings.TASK_TYPES, "summarize, classify"));

        endpoint.invoke(request("summarize", "{\"prompt\":\"Summarize: ...\"}"), relaxed());

        assertThat(endpoint.describe().getCapabilitiesList()).extracting(c -> c.getTaskType())
                .containsExactly("summarize", "classify");
        assertThat(server.hits("/v1/chat/completions")).isEqualTo(1);
    }

    private LlmEndpoint endpoint(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                LlmSettings.PROVIDER, "openai",
                LlmSettings.BASE_URL, server.url("/v1"),
                LlmSettings.MODEL, "gpt-test",
                LlmSettings.API_KEY, KEY));
        settings.putAll(overrides);
        return LlmEndpoint.fromConfig(config(settings));
    }

    private static EndpointConfig config(Map<String, String> settings) {
        return new EndpointConfig("gpt", EndpointKind.LLM, Optional.empty(), Optional.empty(), Optional.empty(), settings);
    }

    private static EndpointException invokeFailing(LlmEndpoint endpoint, String inputs) {
        return invokeFailing(endpoint, inputs, "llm.chat");
    }

    private static EndpointException invokeFailing(LlmEndpoint endpoint, String inputs, String taskType) {
        EndpointException error = catchThrowableOfType(EndpointException.class,
                () -> endpoint.invoke(request(taskType, inputs), relaxed()));
        assertThat(error).as("an EndpointException").isNotNull();
        return error;
    }

    private static String completion(String content, String finishReason) {
        try {
            return JSON.writeValueAsString(Map.of(
                    "id", "chatcmpl-1", "object", "chat.completion", "created", 1, "model", "gpt-test-2025",
                    "choices", java.util.List.of(Map.of("index", 0, "finish_reason", finishReason,
                            "message", Map.of("role", "assistant", "content", content))),
                    "usage", Map.of("prompt_tokens", 12, "completion_tokens", 3, "total_tokens", 15)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
