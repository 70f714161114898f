package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static procos.pde.pipeline.Fixtures.context;
import static procos.pde.pipeline.Fixtures.spec;
import static procos.pde.pipeline.Fixtures.struct;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.v1.HealthState;
import procos.pde.v1.TaskSpec;

class TestBlockTest {

    private final EndpointRegistry registry = new EndpointRegistry();
    private final ScriptedRules rules = new ScriptedRules();
    private final HealthProbe health = new HealthProbe(Duration.ofMinutes(5));

    private TestBlock block(int maxInputBytes) {
        return new TestBlock(registry, rules, health, maxInputBytes);
    }

    private TestReport test(TaskSpec.Builder spec) throws InvalidTaskException {
        return block(1 << 20).test(context(spec));
    }

    // ---- inputs ---------------------------------------------------------------------------

    @Test
    void missingRequiredInputIsRefusedNamingThatInput() {
        registry.register(ScriptedEndpoint.of("fetcher", "web.fetch"));
        rules.requireInputs("web.fetch", "url");
        assertThatThrownBy(() -> test(spec("t-1", "web.fetch").setInputs(struct("method", "GET"))))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.inputs.url");
                    assertThat(e.getMessage()).contains("web.fetch");
                });
    }

    @Test
    void taskWithoutAnyInputsIsRefusedWhenAnInputIsRequired() {
        registry.register(ScriptedEndpoint.of("fetcher", "web.fetch"));
        rules.requireInputs("web.fetch", "url");
        assertThatThrownBy(() -> test(spec("t-1", "web.fetch")))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("spec.inputs.url"));
    }

    @Test
    void requiredInputsPresentPass() throws InvalidTaskException {
        ScriptedEndpoint fetcher = ScriptedEndpoint.of("fetcher", "web.fetch");
        registry.register(fetcher);
        rules.requireInputs("web.fetch", "url", "method");
        TestReport report = test(spec("t-1", "web.fetch").setInputs(struct("url", "https://x", "method", "GET")));
        assertThat(report.candidates()).containsExactly(fetcher);
    }

    @Test
    void requiredInputsOfOtherTaskTypesDoNotApply() throws InvalidTaskException {
        registry.register(ScriptedEndpoint.of("e", "echo"));
        rules.requireInputs("web.fetch", "url");
        assertThat(test(spec("t-1", "echo")).candidates()).hasSize(1);
    }

    @Test
    void inputsOverMaxInputBytesAreRefusedNamingInputs() {
        registry.register(ScriptedEndpoint.of("e", "echo"));
        TaskSpec.Builder spec = spec("t-1", "echo").setInputs(struct("text", "x".repeat(100)));
        assertThatThrownBy(() -> block(64).test(context(spec)))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.inputs");
                    assertThat(e.getMessage()).contains("64-byte limit");
                });
    }

    @Test
    void inputsExactlyAtMaxInputBytesAreAccepted() throws InvalidTaskException {
        registry.register(ScriptedEndpoint.of("e", "echo"));
        TaskSpec.Builder spec = spec("t-1", "echo").setInputs(struct("text", "x".repeat(100)));
        int size = spec.getInputs().getSerializedSize();
        assertThat(block(size).test(context(spec)).candidates()).hasSize(1);
        assertThatThrownBy(() -> block(size - 1).test(context(spec))).isInstanceOf(InvalidTaskException.class);
    }

    // ---- task type ------------------------------------------------------------------------

    @Test
    void unknownTaskTypeIsRefusedListingKnownTaskTypes() {
        registry.register(ScriptedEndpoint.of("b", "zeta.run", "alpha.run"));
        registry.register(ScriptedEndpoint.of("a", "mid.run", "alpha.run"));
        assertThatThrownBy(() -> test(spec("t-1", "nobody.does.this")))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.task_type");
                    assertThat(e.getMessage()).contains("nobody.does.this")
                            .contains("known task types: [alpha.run, mid.run, zeta.run]");
                });
    }

    @Test
    void unknownTaskTypeWithNoEndpointsAtAllListsNoTypes() {
        assertThatThrownBy(() -> test(spec("t-1", "echo")))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.task_type");
                    assertThat(e.getMessage()).contains("known task types: []");
                });
    }

    @Test
    void onlyEndpointsCapableOfTheTaskTypeAreConsidered() throws InvalidTaskException {
        ScriptedEndpoint echo = ScriptedEndpoint.of("echoer", "echo");
        registry.register(ScriptedEndpoint.of("other", "other.type"));
        registry.register(echo);
        TestReport report = test(spec("t-1", "echo"));
        assertThat(report.candidates()).containsExactly(echo);
        assertThat(report.excluded()).isEmpty();
    }

    // ---- allowed endpoints and health ------------------------------------------------------

    @Test
    void allowedEndpointsFilterTheCandidates() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "echo");
        ScriptedEndpoint b = ScriptedEndpoint.of("b", "echo");
        ScriptedEndpoint c = ScriptedEndpoint.of("c", "echo");
        registry.register(a).register(b).register(c);
        TestReport report = test(spec("t-1", "echo").addAllowedEndpoints("c").addAllowedEndpoints("a"));
        assertThat(report.candidates()).containsExactly(a, c);
        assertThat(report.excluded()).containsExactly("b: not in allowed_endpoints");
    }

    @Test
    void allowedEndpointsNamingNoCapableEndpointLeaveNoCandidates() throws InvalidTaskException {
        registry.register(ScriptedEndpoint.of("a", "echo"));
        registry.register(ScriptedEndpoint.of("x", "other"));
        TestReport report = test(spec("t-1", "echo").addAllowedEndpoints("x"));
        assertThat(report.candidates()).isEmpty();
        assertThat(report.excluded()).containsExactly("a: not in allowed_endpoints");
    }

    @Test
    void unhealthyEndpointIsExcludedWithItsReason() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "echo").unhealthy("model server unreachable");
        ScriptedEndpoint b = ScriptedEndpoint.of("b", "echo");
        registry.register(a).register(b);
        TestReport report = test(spec("t-1", "echo"));
        assertThat(report.candidates()).containsExactly(b);
        assertThat(report.excluded()).containsExactly("a: unhealthy (model server unreachable)");
    }

    @Test
    void endpointWhoseHealthCheckThrowsIsExcluded() throws InvalidTaskException {
        registry.register(ScriptedEndpoint.of("a", "echo").healthFailsWith(new IllegalStateException("socket closed")));
        TestReport report = test(spec("t-1", "echo"));
        assertThat(report.candidates()).isEmpty();
        assertThat(report.excluded()).singleElement().asString()
                .startsWith("a: unhealthy (").contains("socket closed");
    }

    @Test
    void degradedEndpointIsKept() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "echo").degraded();
        registry.register(a);
        TestReport report = test(spec("t-1", "echo"));
        assertThat(report.candidates()).containsExactly(a);
        assertThat(report.excluded()).isEmpty();
    }

    @Test
    void endpointOfUnknownHealthIsKept() throws InvalidTaskException {
        // Contract (common.proto): HEALTH_STATE_UNSPECIFIED is treated like DEGRADED, "usable, but not preferred".
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "echo").health(HealthState.HEALTH_STATE_UNSPECIFIED, "");
        registry.register(a);
        assertThat(test(spec("t-1", "echo")).candidates()).containsExactly(a);
    }

    @Test
    void notAllowedEndpointIsNotProbedForHealth() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "echo");
        ScriptedEndpoint b = ScriptedEndpoint.of("b", "echo");
        registry.register(a).register(b);
        test(spec("t-1", "echo").addAllowedEndpoints("b"));
        assertThat(a.healthChecks()).isZero();
        assertThat(b.healthChecks()).isEqualTo(1);
    }

    @Test
    void candidatesKeepRegistrationOrder() throws InvalidTaskException {
        Endpoint[] endpoints = {ScriptedEndpoint.of("z", "echo"), ScriptedEndpoint.of("m", "echo"), ScriptedEndpoint.of("a", "echo")};
        for (Endpoint endpoint : endpoints) {
            registry.register(endpoint);
        }
        assertThat(test(spec("t-1", "echo")).candidates()).containsExactly(endpoints);
    }
}
