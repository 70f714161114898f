package procos.pde.endpoint.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static procos.pde.endpoint.Invocations.relaxed;
import static procos.pde.endpoint.Invocations.request;
import static procos.pde.endpoint.Invocations.struct;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.ClosedPort;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.TestServer;
import procos.pde.pool.EndpointConfig;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

class HttpEndpointTest {

    private static final long MIB = 1L << 20;

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    private TestServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer()
                .route("/json", exchange -> TestServer.respond(exchange, 200, "application/json; charset=utf-8",
                        "{\"name\":\"Ada\",\"tags\":[\"a\",\"b\"],\"n\":3}"))
                .route("/text", exchange -> {
                    exchange.getResponseHeaders().add("X-Multi", "first");
                    exchange.getResponseHeaders().add("X-Multi", "second");
                    TestServer.respond(exchange, 200, "text/plain", "plain words");
                })
                .route("/echo", exchange -> TestServer.respond(exchange, 201, "application/json",
                        server.last().body().isEmpty() ? "{}" : server.last().body()))
                .route("/missing", exchange -> TestServer.respond(exchange, 404, "application/json", "{\"error\":\"nope\"}"))
                .route("/broken", exchange -> {
                    exchange.getResponseHeaders().set("Retry-After", "7");
                    TestServer.respond(exchange, 503, "text/plain", "try later");
                })
                .route("/not-json", exchange -> TestServer.respond(exchange, 200, "application/json", "{not json"))
                .route("/huge-chunked", exchange -> TestServer.stream(exchange, 5 * MIB, false))
                .route("/huge-declared", exchange -> TestServer.stream(exchange, 5 * MIB, true))
                .route("/exactly-cap", exchange -> TestServer.stream(exchange, MIB, false))
                .route("/hang", exchange -> server.hang())
                .route("/head-huge", exchange -> {
                    // Set by hand: the JDK server drops a length passed for a HEAD response.
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(5 * MIB));
                    exchange.sendResponseHeaders(200, -1);
                })
                .route("/redirect-relative", exchange -> TestServer.redirect(exchange, 302, "/json"))
                .route("/see-other", exchange -> TestServer.redirect(exchange, 303, "/echo"))
                .route("/temporary", exchange -> TestServer.redirect(exchange, 307, "/echo"))
                .route("/loop", exchange -> TestServer.redirect(exchange, 302, "/loop"))
                .route("/to-file", exchange -> TestServer.redirect(exchange, 302, "file:///etc/passwd"))
                .start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void getParsesAJsonBodyAndReturnsStatusHeadersAndText() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1").invoke(
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/json") + "\"}"), relaxed());

        Struct outputs = response.getOutputs();
        assertThat(response.hasError()).isFalse();
        assertThat(number(outputs, "status")).isEqualTo(200);
        assertThat(outputs.getFieldsOrThrow("headers").getStructValue().getFieldsOrThrow("content-type").getStringValue())
                .isEqualTo("application/json; charset=utf-8");
        assertThat(text(outputs, "body")).isEqualTo("{\"name\":\"Ada\",\"tags\":[\"a\",\"b\"],\"n\":3}");
        Struct json = outputs.getFieldsOrThrow("json").getStructValue();
        assertThat(json.getFieldsOrThrow("name").getStringValue()).isEqualTo("Ada");
        assertThat(json.getFieldsOrThrow("tags").getListValue().getValuesList())
                .extracting(Value::getStringValue).containsExactly("a", "b");
        assertThat(json.getFieldsOrThrow("n").getNumberValue()).isEqualTo(3.0);
        assertThat(server.last().method()).isEqualTo("GET");
    }

    @Test
    void aTextResponseHasNoJsonAndHeadersCarryTheirFirstValueUnderLowerCaseNames() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1").invoke(
                request(HttpEndpoint.REQUEST, "{\"url\":\"" + server.url("/text") + "\"}"), relaxed());

        assertThat(text(response.getOutputs(), "body")).isEqualTo("plain words");
        assertThat(response.getOutputs().containsFields("json")).isFalse();
        assertThat(response.getOutputs().getFieldsOrThrow("headers").getStructValue().getFieldsOrThrow("x-multi")
                .getStringValue()).isEqualTo("first");
    }

    @Test
    void invalidJsonUnderAJsonContentTypeIsStillReturnedAsText() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1").invoke(
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/not-json") + "\"}"), relaxed());

        assertThat(text(response.getOutputs(), "body")).isEqualTo("{not json");
        assertThat(response.getOutputs().containsFields("json")).isFalse();
    }

    @Test
    void postSendsAnObjectBodyAsJsonWithTheGivenHeaders() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1").invoke(request(HttpEndpoint.REQUEST, """
                {"method": "post", "url": "%s",
                 "headers": {"X-Request-Id": "r-42", "Accept": ["application/json", "text/plain"], "X-Count": 3},
                 "body": {"customer": "C-1", "amount": 12.5, "items": [1, 2]}}
                """.formatted(server.url("/echo"))), relaxed());

        TestServer.Received received = server.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.header("X-Request-Id")).isEqualTo("r-42");
        assertThat(received.header("X-Count")).isEqualTo("3");
        assertThat(received.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Accept"))
                .findFirst().orElseThrow().getValue()).containsExactly("application/json", "text/plain");
        assertThat(struct(received.body())).isEqualTo(struct(
                "{\"customer\":\"C-1\",\"amount\":12.5,\"items\":[1,2]}"));
        assertThat(number(response.getOutputs(), "status")).isEqualTo(201);
        assertThat(response.getOutputs().getFieldsOrThrow("json").getStructValue().getFieldsOrThrow("customer")
                .getStringValue()).isEqualTo("C-1");
    }

    @Test
    void aStringBodyIsSentAsIsAndAGivenContentTypeWins() throws Exception {
        endpoint("127.0.0.1").invoke(request(HttpEndpoint.REQUEST, """
                {"method": "PUT", "url": "%s", "headers": {"content-type": "text/csv"}, "body": "a,b\\n1,2"}
                """.formatted(server.url("/echo"))), relaxed());

        assertThat(server.last().method()).isEqualTo("PUT");
        assertThat(server.last().header("Content-Type")).isEqualTo("text/csv");
        assertThat(server.last().body()).isEqualTo("a,b\n1,2");
    }

    @Test
    void aClientErrorIsAnAnswerForTheProcessToJudgeNotAnError() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1").invoke(
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/missing") + "\"}"), relaxed());

        assertThat(response.hasError()).isFalse();
        assertThat(number(response.getOutputs(), "status")).isEqualTo(404);
        assertThat(response.getOutputs().getFieldsOrThrow("json").getStructValue().getFieldsOrThrow("error")
                .getStringValue()).isEqualTo("nope");
    }

    @Test
    void aServerErrorIsReturnedWithItsOutputsAndARetryableError() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1").invoke(
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/broken") + "\"}"), relaxed());

        assertThat(number(response.getOutputs(), "status")).isEqualTo(503);
        assertThat(text(response.getOutputs(), "body")).isEqualTo("try later");
        assertThat(response.getError().getCode()).isEqualTo("HTTP_5XX");
        assertThat(response.getError().getRetryable()).isTrue();
        assertThat(response.getError().getDetails().getFieldsOrThrow("status").getNumberValue()).isEqualTo(503);
        assertThat(response.getError().getRetryAfter().getSeconds()).isEqualTo(7);
    }

    @Test
    void aHostOutsideTheAllowlistIsRefusedBeforeAnythingIsSent() {
        EndpointException refused = failure(endpoint("api.example.com"),
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/json") + "\"}"));

        assertThat(refused.code()).isEqualTo("HOST_NOT_ALLOWED");
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).contains("'127.0.0.1'");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void localhostAndItsAddressAreDifferentHostsToTheAllowlist() {
        EndpointException byName = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.GET, "{\"url\":\"http://localhost:" + server.port() + "/json\"}"));
        EndpointException byAddress = failure(endpoint("localhost"),
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/json") + "\"}"));
        EndpointException zeroPadded = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.GET, "{\"url\":\"http://127.000.000.001:" + server.port() + "/json\"}"));
        EndpointException shortForm = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.GET, "{\"url\":\"http://127.1:" + server.port() + "/json\"}"));

        assertThat(byName.code()).isEqualTo("HOST_NOT_ALLOWED");
        assertThat(byName.getMessage()).contains("'localhost'");
        assertThat(byAddress.code()).isEqualTo("HOST_NOT_ALLOWED");
        assertThat(byAddress.getMessage()).contains("'127.0.0.1'");
        assertThat(zeroPadded.code()).isEqualTo("HOST_NOT_ALLOWED");
        assertThat(zeroPadded.getMessage()).contains("'127.000.000.001'");
        assertThat(shortForm.code()).as("java.net.URI does not take 127.1 for a host at all").isEqualTo("INVALID_INPUT");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aRedirectToAHostOutsideTheAllowlistIsRefusedAndNotFollowed() throws Exception {
        try (TestServer other = new TestServer().route("/secret",
                exchange -> TestServer.respond(exchange, 200, "text/plain", "internal")).start()) {
            server.route("/to-localhost", exchange -> TestServer.redirect(exchange, 302,
                    "http://localhost:" + other.port() + "/secret"));

            EndpointException refused = failure(endpoint("127.0.0.1", Map.of("follow_redirects", "true")),
                    request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/to-localhost") + "\"}"));

            assertThat(refused.code()).isEqualTo("HOST_NOT_ALLOWED");
            assertThat(refused.retryable()).isFalse();
            assertThat(refused.getMessage()).contains("redirect").contains("'localhost'");
            assertThat(other.received()).isEmpty();
        }
    }

    @Test
    void redirectsWithinTheAllowlistAreFollowedWhenEnabled() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1", Map.of("follow_redirects", "true")).invoke(
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/redirect-relative") + "\"}"), relaxed());

        assertThat(number(response.getOutputs(), "status")).isEqualTo(200);
        assertThat(response.getOutputs().getFieldsOrThrow("json").getStructValue().getFieldsOrThrow("name")
                .getStringValue()).isEqualTo("Ada");
        assertThat(log.events("http_request")).singleElement()
                .satisfies(event -> assertThat(event.path("redirects").asInt()).isEqualTo(1));
    }

    @Test
    void redirectsAreReturnedAsTheyAreWhenNotFollowed() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1").invoke(
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/redirect-relative") + "\"}"), relaxed());

        assertThat(number(response.getOutputs(), "status")).isEqualTo(302);
        assertThat(response.getOutputs().getFieldsOrThrow("headers").getStructValue().getFieldsOrThrow("location")
                .getStringValue()).isEqualTo("/json");
        assertThat(server.hits("/json")).isZero();
    }

    @Test
    void seeOtherTurnsAPostIntoAGetWithoutBodyWhileTemporaryRedirectRepeatsIt() throws Exception {
        HttpEndpoint endpoint = endpoint("127.0.0.1", Map.of("follow_redirects", "true"));

        endpoint.invoke(request(HttpEndpoint.REQUEST, "{\"method\":\"POST\",\"url\":\"" + server.url("/see-other")
                + "\",\"body\":{\"a\":1}}"), relaxed());
        TestServer.Received afterSeeOther = server.last();
        endpoint.invoke(request(HttpEndpoint.REQUEST, "{\"method\":\"POST\",\"url\":\"" + server.url("/temporary")
                + "\",\"body\":{\"a\":1}}"), relaxed());
        TestServer.Received afterTemporary = server.last();

        assertThat(afterSeeOther.method()).isEqualTo("GET");
        assertThat(afterSeeOther.body()).isEmpty();
        assertThat(afterTemporary.method()).isEqualTo("POST");
        assertThat(afterTemporary.body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void credentialsAreNotForwardedToAnotherOrigin() throws Exception {
        try (TestServer other = new TestServer().route("/landing",
                exchange -> TestServer.respond(exchange, 200, "text/plain", "ok")).start()) {
            server.route("/to-other-port", exchange -> TestServer.redirect(exchange, 302, other.url("/landing")));
            server.route("/to-same-origin", exchange -> TestServer.redirect(exchange, 302, "/text"));
            HttpEndpoint endpoint = endpoint("127.0.0.1", Map.of("follow_redirects", "true"));
            String headers = "\"headers\":{\"Authorization\":\"Bearer s3cr3t\",\"X-Keep\":\"yes\"}";

            endpoint.invoke(request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/to-other-port") + "\"," + headers + "}"),
                    relaxed());
            endpoint.invoke(request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/to-same-origin") + "\"," + headers + "}"),
                    relaxed());

            assertThat(other.last().header("Authorization")).isNull();
            assertThat(other.last().header("X-Keep")).isEqualTo("yes");
            assertThat(server.last().path()).isEqualTo("/text");
            assertThat(server.last().header("Authorization")).isEqualTo("Bearer s3cr3t");
        }
    }

    @Test
    void aRedirectLoopEndsAfterFiveHops() {
        EndpointException refused = failure(endpoint("127.0.0.1", Map.of("follow_redirects", "true")),
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/loop") + "\"}"));

        assertThat(refused.code()).isEqualTo("TOO_MANY_REDIRECTS");
        assertThat(refused.retryable()).isFalse();
        assertThat(server.hits("/loop")).isEqualTo(HttpExchange.MAX_REDIRECTS + 1);
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        EndpointException refused = failure(endpoint("127.0.0.1", Map.of("follow_redirects", "true")),
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/to-file") + "\"}"));

        assertThat(refused.code()).isEqualTo("INVALID_REDIRECT");
        assertThat(refused.retryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/huge-chunked", "/huge-declared"})
    void aBodyLargerThanTheCapFailsWithoutBeingReadToTheEnd(String path) {
        EndpointException refused = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url(path) + "\"}"));

        assertThat(refused.code()).isEqualTo("RESPONSE_TOO_LARGE");
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).contains(Long.toString(MIB));
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1").invoke(
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/exactly-cap") + "\"}"), relaxed());

        assertThat(text(response.getOutputs(), "body")).hasSize((int) MIB);
    }

    @Test
    void aHeadRequestIsNotRefusedForTheLengthOfABodyItNeverGets() throws Exception {
        InvokeResponse response = endpoint("127.0.0.1").invoke(request(HttpEndpoint.REQUEST,
                "{\"method\":\"HEAD\",\"url\":\"" + server.url("/head-huge") + "\"}"), relaxed());

        assertThat(number(response.getOutputs(), "status")).isEqualTo(200);
        assertThat(response.getOutputs().getFieldsOrThrow("headers").getStructValue().getFieldsOrThrow("content-length")
                .getStringValue()).isEqualTo(Long.toString(5 * MIB));
        assertThat(text(response.getOutputs(), "body")).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheDeadline() {
        EndpointException timedOut = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/hang") + "\"}"),
                Deadline.after(300, TimeUnit.MILLISECONDS));

        assertThat(timedOut.code()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(timedOut.retryable()).isTrue();
        assertThat(server.hits("/hang")).isEqualTo(1);
    }

    @Test
    void theTasksOwnTimeoutEndsTheCall() {
        EndpointException timedOut = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/hang") + "\",\"timeout_ms\":200}"));

        assertThat(timedOut.code()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(timedOut.retryable()).isTrue();
    }

    @Test
    void theConfiguredTimeoutEndsTheCall() {
        EndpointException timedOut = failure(endpoint("127.0.0.1", Map.of("timeout", "PT0.2S")),
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/hang") + "\"}"));

        assertThat(timedOut.code()).isEqualTo("DEADLINE_EXCEEDED");
    }

    @Test
    void anExpiredDeadlineSendsNothing() {
        EndpointException timedOut = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.GET, "{\"url\":\"" + server.url("/json") + "\"}"),
                Deadline.after(-1, TimeUnit.SECONDS));

        assertThat(timedOut.code()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aRefusedConnectionIsRetryableUnavailable() throws Exception {
        int closedPort = ClosedPort.find();

        EndpointException refused = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.GET, "{\"url\":\"http://127.0.0.1:" + closedPort + "/\"}"));

        assertThat(refused.code()).isEqualTo("UNAVAILABLE");
        assertThat(refused.retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/x", "jar:file:/x.jar!/y", "gopher://127.0.0.1/"})
    void onlyHttpAndHttpsAreSupported(String url) {
        EndpointException refused = failure(endpoint("127.0.0.1"), request(HttpEndpoint.GET, "{\"url\":\"" + url + "\"}"));

        assertThat(refused.code()).isEqualTo("INVALID_INPUT");
        assertThat(refused.retryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://exa mple.com/", "not a url", "/relative/path", "http://", "http:///no-host",
        "http://under_score.example/", "http://[::1/", "http://user:pw@127.0.0.1/", "ht%tp://x", ""})
    void malformedUrlsAreInvalidInput(String url) {
        EndpointException refused = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.GET, "{\"url\":\"" + url + "\"}"));

        assertThat(refused.code()).isEqualTo("INVALID_INPUT");
        assertThat(refused.retryable()).isFalse();
        assertThat(server.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"method\":\"TRACE\",\"url\":\"%s\"}",
        "{\"method\":\"GET\",\"url\":\"%s\",\"headers\":{\"Host\":\"evil.example\"}}",
        "{\"method\":\"GET\",\"url\":\"%s\",\"headers\":{\"X-Injected\":\"a\\r\\nX-Other: b\"}}",
        "{\"method\":\"GET\",\"url\":\"%s\",\"headers\":\"Accept: */*\"}",
        "{\"method\":\"GET\",\"url\":\"%s\",\"headers\":{\"X-Nested\":{\"a\":1}}}",
        "{\"method\":\"GET\",\"url\":\"%s\",\"timeout_ms\":-5}",
        "{\"method\":\"GET\",\"url\":\"%s\",\"timeout_ms\":\"soon\"}",
        "{\"method\":42,\"url\":\"%s\"}",
    })
    void badInputsAreRefusedBeforeAnythingIsSent(String inputs) {
        EndpointException refused = failure(endpoint("127.0.0.1"),
                request(HttpEndpoint.REQUEST, inputs.formatted(server.url("/echo"))));

        assertThat(refused.code()).isEqualTo("INVALID_INPUT");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aMissingUrlIsInvalidInput() {
        assertThat(failure(endpoint("127.0.0.1"), request(HttpEndpoint.GET, "{}")).code()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void anotherTaskTypeIsRefused() {
        EndpointException refused = failure(endpoint("127.0.0.1"), request("files.read", "{}"));

        assertThat(refused.code()).isEqualTo("UNSUPPORTED_TASK_TYPE");
        assertThat(refused.retryable()).isFalse();
    }

    @Test
    void eachCallLogsOneEventWithoutBodiesHeadersOrQuery() throws Exception {
        HttpEndpoint endpoint = endpoint("127.0.0.1");
        endpoint.invoke(request(HttpEndpoint.REQUEST, """
                {"method":"POST","url":"%s?api_key=QUERY-SECRET","headers":{"Authorization":"HEADER-SECRET"},
                 "body":"BODY-SECRET"}""".formatted(server.url("/echo"))), relaxed());
        failure(endpoint, request(HttpEndpoint.GET, "{\"url\":\"http://elsewhere.example/?k=QUERY-SECRET\"}"));

        assertThat(log.events("http_request")).hasSize(2);
        JsonNode ok = log.events("http_request").get(0);
        assertThat(ok.path("outcome").asText()).isEqualTo("ok");
        assertThat(ok.path("operation").asText()).isEqualTo("http.request");
        assertThat(ok.path("method").asText()).isEqualTo("POST");
        assertThat(ok.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(ok.path("status").asInt()).isEqualTo(201);
        assertThat(ok.path("correlation_id").asText()).isEqualTo("corr-1");
        assertThat(ok.has("duration_ms")).isTrue();
        JsonNode refused = log.events("http_request").get(1);
        assertThat(refused.path("outcome").asText()).isEqualTo("HOST_NOT_ALLOWED");
        assertThat(refused.path("level").asText()).isEqualTo("WARN");
        assertThat(String.join("\n", log.lines())).doesNotContain("SECRET");
    }

    @Test
    void itDescribesItselfAsAConnectorForBothTaskTypesAndIsAlwaysHealthy() {
        HttpEndpoint endpoint = endpoint("127.0.0.1", Map.of("timeout", "PT3S"));

        assertThat(endpoint.describe().getEndpointId()).isEqualTo("web");
        assertThat(endpoint.describe().getKind()).isEqualTo(EndpointKind.CONNECTOR);
        assertThat(endpoint.describe().getCapabilitiesList()).extracting(c -> c.getTaskType())
                .containsExactly("http.request", "http.get");
        assertThat(endpoint.describe().getLimits().getMaxTimeout().getSeconds()).isEqualTo(3);
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.HEALTHY);
    }

    private static HttpEndpoint endpoint(String allowedHosts) {
        return endpoint(allowedHosts, Map.of());
    }

    private static HttpEndpoint endpoint(String allowedHosts, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("allowed_hosts", allowedHosts);
        return HttpEndpoint.fromConfig(new EndpointConfig("web", procos.pde.pool.EndpointKind.HTTP,
                Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(10)), settings));
    }

    private static EndpointException failure(HttpEndpoint endpoint, InvokeRequest request) {
        return failure(endpoint, request, relaxed());
    }

    private static EndpointException failure(HttpEndpoint endpoint, InvokeRequest request, Deadline deadline) {
        return catchThrowableOfType(EndpointException.class, () -> endpoint.invoke(request, deadline));
    }

    private static double number(Struct struct, String field) {
        return struct.getFieldsOrThrow(field).getNumberValue();
    }

    private static String text(Struct struct, String field) {
        return struct.getFieldsOrThrow(field).getStringValue();
    }

}
