package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.pde.pipeline.Fixtures.context;
import static procos.pde.pipeline.Fixtures.spec;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.Endpoint;
import procos.pde.v1.HealthState;

class GatewayBlockTest {

    private final ScriptedRules rules = new ScriptedRules();
    private final HealthProbe health = new HealthProbe(Duration.ofMinutes(5));
    private final GatewayBlock gateway = new GatewayBlock(rules, health);

    private final ScriptedEndpoint a = ScriptedEndpoint.of("a", "echo");
    private final ScriptedEndpoint b = ScriptedEndpoint.of("b", "echo");
    private final ScriptedEndpoint c = ScriptedEndpoint.of("c", "echo");

    private List<Endpoint> route(Endpoint... candidates) {
        return gateway.route(context(spec("t-1", "echo")), new TestReport(List.of(candidates), List.of())).endpoints();
    }

    @Test
    void withoutRoutingRuleCandidatesKeepTheirOrder() {
        assertThat(route(a, b, c)).containsExactly(a, b, c);
        assertThat(route(c, a, b)).containsExactly(c, a, b);
    }

    @Test
    void routingRuleOrdersTheCandidates() {
        rules.route("echo", "c", "a", "b");
        assertThat(route(a, b, c)).containsExactly(c, a, b);
    }

    @Test
    void routingRuleRestrictsToTheEndpointsItLists() {
        rules.route("echo", "c", "a");
        assertThat(route(a, b, c)).containsExactly(c, a);
    }

    @Test
    void routingRuleNamingUnknownEndpointsUsesOnlyTheKnownOnes() {
        rules.route("echo", "gone", "b");
        assertThat(route(a, b, c)).containsExactly(b);
    }

    @Test
    void routingRuleListingNoCandidateGivesAnEmptyPlan() {
        rules.route("echo", "x", "y");
        assertThat(gateway.route(context(spec("t-1", "echo")), new TestReport(List.of(a, b), List.of())).isEmpty()).isTrue();
    }

    @Test
    void routingRuleOfAnotherTaskTypeDoesNotApply() {
        rules.route("other", "c");
        assertThat(route(a, b, c)).containsExactly(a, b, c);
    }

    @Test
    void healthyEndpointsGoBeforeDegradedOnes() {
        a.degraded();
        assertThat(route(a, b, c)).containsExactly(b, c, a);
    }

    @Test
    void healthOutranksTheRoutingRuleWhichStillOrdersWithinEachGroup() {
        rules.route("echo", "a", "b", "c");
        a.degraded();
        c.degraded();
        assertThat(route(c, b, a)).containsExactly(b, a, c);
    }

    @Test
    void endpointOfUnknownHealthIsNotPreferred() {
        a.health(HealthState.HEALTH_STATE_UNSPECIFIED, "");
        assertThat(route(a, b)).containsExactly(b, a);
    }

    @Test
    void emptyCandidatesGiveAnEmptyPlan() {
        assertThat(route()).isEmpty();
    }
}
