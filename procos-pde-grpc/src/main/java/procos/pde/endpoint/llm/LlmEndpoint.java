package procos.pde.endpoint.llm;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.langchain4j.model.chat.response.ChatResponse;
import com.google.protobuf.util.Durations;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.OptionalLong;
import procos.logging.LogEvent;
import procos.logging.LogLevel;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.ConfiguredEndpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvocationLog;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.TimeBudget;
import procos.pde.pool.EndpointConfig;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.EndpointLimits;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * A language model behind langchain4j ({@code kind: llm}): one endpoint per configured model, so
 * several models (a large one, a cheap one, a local one) are routed and fall back like any other
 * endpoints. Serves the task types in {@code task_types} ({@code llm.chat} by default); inputs and
 * outputs are described in {@link ChatPrompt} and {@link ChatOutputs}.
 *
 * <p>An endpoint without {@code base_url} is registered but not configured: its health says what
 * to set and every call fails with a non-retryable {@code NOT_CONFIGURED}, so processes can take a
 * deterministic path instead. Each call is bounded by the configured timeout and the task deadline,
 * whichever comes first, by giving the client that budget as its own timeout.
 *
 * <p>Errors (see {@link LlmErrors}): {@code INVALID_INPUT}, {@code NOT_CONFIGURED},
 * {@code AUTHENTICATION_FAILED}, {@code REQUEST_REFUSED}, {@code MODEL_NOT_FOUND} (not retryable);
 * {@code RATE_LIMITED}, {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, {@code OUTPUT_NOT_JSON}
 * (retryable). One {@code llm_call} event is logged per call with model, token counts and outcome,
 * never prompts, answers or the key.
 */
public final class LlmEndpoint extends ConfiguredEndpoint<LlmSettings> {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("endpoint.llm");
    private static final Value NONE = Value.getDefaultInstance();

    private final ModelReachability reachability;

    public LlmEndpoint(String id, LlmSettings settings) {
        super(id, settings);
        this.reachability = new ModelReachability(id, settings);
    }

    /**
     * The endpoint an {@code llm} entry of the PDE manager configuration declares.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static LlmEndpoint fromConfig(EndpointConfig config) {
        return new LlmEndpoint(config.id(), LlmSettings.from(config));
    }

    /** Unhealthy when not configured or unreachable; the reading is reused for {@code health_ttl}. */
    @Override
    public EndpointHealth health() {
        return reachability.current();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        long started = System.nanoTime();
        try {
            InvokeResponse response = chat(request, deadline);
            Struct outputs = response.getOutputs();
            LogEvent event = log(LogLevel.INFO, request, "ok", started)
                    .with("finish_reason", outputs.getFieldsOrDefault("finish_reason", NONE).getStringValue());
            // Token counts are numbers, which the log's secret masking leaves visible despite the word "token".
            outputs.getFieldsOrDefault("usage", NONE).getStructValue().getFieldsMap()
                    .forEach((name, count) -> event.with(name, (long) count.getNumberValue()));
            event.log();
            return response;
        } catch (EndpointException e) {
            if (e.code().equals(LlmErrors.UNAVAILABLE) || e.code().equals(LlmErrors.AUTHENTICATION_FAILED)) {
                reachability.forget();
            }
            log(LogLevel.WARN, request, e.code(), started).with("retryable", e.retryable()).log();
            throw e;
        }
    }

    private InvokeResponse chat(InvokeRequest request, Deadline deadline) throws EndpointException {
        if (!settings().taskTypes().contains(request.getTaskType())) {
            throw new EndpointException(LlmErrors.UNSUPPORTED_TASK_TYPE, "endpoint " + id() + " runs "
                    + String.join(", ", settings().taskTypes()) + ", not '" + request.getTaskType() + "'", false);
        }
        if (!settings().configured()) {
            throw LlmErrors.notConfigured(id(), settings());
        }
        ChatPrompt prompt = ChatPrompt.parse(InvokeInputs.of(request.getInputs()), request.getMode(), settings());
        Duration budget = TimeBudget.effective(settings().timeout(), OptionalLong.empty(), deadline);
        if (budget.isNegative() || budget.isZero()) {
            throw LlmErrors.deadline(settings().host());
        }
        ChatResponse answer;
        try {
            answer = settings().provider().chatModel(settings(), budget).chat(prompt.request());
        } catch (RuntimeException e) {
            throw LlmErrors.from(e, settings().host(), settings().apiKey());
        }
        return ChatOutputs.response(answer, prompt.json(), settings().model());
    }

    private LogEvent log(LogLevel level, InvokeRequest request, String outcome, long started) {
        return InvocationLog.event(LOG, level, "llm_call", id(), request)
                .with("provider", settings().provider().yamlName())
                .with("model", settings().model())
                .with("outcome", outcome)
                .durationSince(started);
    }

    @Override
    protected EndpointDescription description() {
        com.google.protobuf.Duration timeout = Durations.fromNanos(settings().timeout().toNanos());
        EndpointDescription.Builder description = EndpointDescription.newBuilder()
                .setEndpointId(id())
                .setKind(EndpointKind.MODEL)
                .setVersion("1")
                .setDescription(settings().configured()
                        ? settings().provider().yamlName() + " model '" + settings().model() + "' at " + settings().host()
                        : settings().provider().yamlName() + " model, not configured: " + settings().howToConfigure(id()))
                .setLimits(EndpointLimits.newBuilder().setDefaultTimeout(timeout).setMaxTimeout(timeout));
        settings().taskTypes().forEach(taskType -> description.addCapabilities(Capability.newBuilder().setTaskType(taskType)));
        return description.build();
    }
}
