package procos.pde.endpoint.http;

import io.grpc.Deadline;
import java.net.http.HttpClient;
import java.time.Duration;
import procos.logging.LogEvent;
import procos.logging.LogLevel;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.ConfiguredEndpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.HealthReports;
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
 * Calls HTTP APIs for processes ({@code kind: http}): {@code http.request} (inputs {@code method},
 * {@code url}, {@code headers}, {@code body} as text or as JSON, {@code timeout_ms}) and
 * {@code http.get} ({@code url}, optional {@code headers} and {@code timeout_ms}). Outputs are
 * {@code status}, {@code headers}, {@code body} and, for JSON, {@code json}.
 *
 * <p>Because URLs come from process data, the endpoint is deliberately narrow: only http(s), only
 * hosts in {@code allowed_hosts} (checked again on every redirect hop, redirects being off unless
 * {@code follow_redirects}), bodies read only up to {@code max_response_bytes}, and every call ends
 * at the earliest of the configured timeout, {@code timeout_ms} and the task's deadline.
 *
 * <p>Failures to get an answer are thrown as {@link EndpointException}: {@code INVALID_INPUT},
 * {@code HOST_NOT_ALLOWED}, {@code RESPONSE_TOO_LARGE}, {@code INVALID_REDIRECT},
 * {@code TOO_MANY_REDIRECTS}, {@code TLS_ERROR} (not retryable) and {@code UNAVAILABLE},
 * {@code DEADLINE_EXCEEDED} (retryable). An answer is returned even when it is an error: 4xx as
 * plain outputs, 5xx with a retryable {@code HTTP_5XX} error in the response. One
 * {@code http_request} event is logged per call, without URL query, headers or bodies.
 */
public final class HttpEndpoint extends ConfiguredEndpoint<HttpSettings> {

    public static final String REQUEST = "http.request";
    public static final String GET = "http.get";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("endpoint.http");

    private final TargetCheck targets;
    private final HttpExchange exchange;

    public HttpEndpoint(String id, HttpSettings settings) {
        super(id, settings);
        this.targets = new TargetCheck(settings.allowedHosts());
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
        this.exchange = new HttpExchange(client, targets, settings);
    }

    /**
     * The endpoint an {@code http} entry of the PDE manager configuration declares.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static HttpEndpoint fromConfig(EndpointConfig config) {
        return new HttpEndpoint(config.id(), HttpSettings.from(config));
    }

    /** Always healthy: a client has nothing of its own to check, and each target may differ. */
    @Override
    public EndpointHealth health() {
        return HealthReports.healthy();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        long started = System.nanoTime();
        HttpCall call = null;
        try {
            boolean getOnly = switch (request.getTaskType()) {
                case GET -> true;
                case REQUEST -> false;
                default -> throw new EndpointException(HttpErrors.UNSUPPORTED_TASK_TYPE, "endpoint " + id()
                        + " runs " + REQUEST + " and " + GET + ", not '" + request.getTaskType() + "'", false);
            };
            call = HttpCall.parse(getOnly, InvokeInputs.of(request.getInputs()), targets);
            Duration budget = TimeBudget.effective(settings().timeout(), call.timeoutMs(), deadline);
            HttpExchange.Result result = exchange.run(call, budget);
            InvokeResponse response = HttpOutputs.response(result);
            String outcome = response.hasError() ? response.getError().getCode() : "ok";
            log(response.hasError() ? LogLevel.WARN : LogLevel.INFO, request, call, outcome, started)
                    .with("status", result.response().statusCode())
                    .with("redirects", result.redirects())
                    .with("response_bytes", result.response().body().length)
                    .log();
            return response;
        } catch (EndpointException e) {
            log(LogLevel.WARN, request, call, e.code(), started).with("retryable", e.retryable()).log();
            throw e;
        }
    }

    private LogEvent log(LogLevel level, InvokeRequest request, HttpCall call, String outcome, long started) {
        LogEvent event = InvocationLog.event(LOG, level, "http_request", id(), request);
        if (call != null) {
            event.with("method", call.method()).with("host", call.uri().getHost());
        }
        return event.with("outcome", outcome).durationSince(started);
    }

    @Override
    protected EndpointDescription description() {
        com.google.protobuf.Duration timeout = com.google.protobuf.Duration.newBuilder()
                .setSeconds(settings().timeout().getSeconds()).setNanos(settings().timeout().getNano()).build();
        return EndpointDescription.newBuilder()
                .setEndpointId(id())
                .setKind(EndpointKind.CONNECTOR)
                .setVersion("1")
                .setDescription("HTTP client for " + settings().allowedHosts()
                        + (settings().followRedirects() ? ", following checked redirects" : ""))
                .addCapabilities(Capability.newBuilder().setTaskType(REQUEST))
                .addCapabilities(Capability.newBuilder().setTaskType(GET))
                .setLimits(EndpointLimits.newBuilder().setDefaultTimeout(timeout).setMaxTimeout(timeout))
                .build();
    }
}
