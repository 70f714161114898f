package procos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;
import procos.pde.pool.RouterConfig;

class RoutingSimulationTest {

    /** Circuits open and close during the run; keep those lines off the console. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    private final SinkOverride log = StructuredLogger.useSink(new InMemorySink());
    private final RoutingSimulation simulation = new RoutingSimulation(4000, 1);

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Test
    void learnedRoutingBeatsStaticPriorityWhenTheBestEndpointDegrades() {
        RoutingSimulation.Result fixed = simulation.run(RouterConfig.Policy.STATIC);
        RoutingSimulation.Result learned = simulation.run(RouterConfig.Policy.LEARNED);

        assertThat(learned.successRate()).isGreaterThan(fixed.successRate());
        assertThat(learned.successAfterShift()).isGreaterThan(fixed.successAfterShift() + 0.2);
        assertThat(learned.p95Ms()).isLessThan(fixed.p95Ms());
        assertThat(fixed.firstChoiceShare().get("primary")).isEqualTo(1.0);
    }

    @Test
    void theSameSeedGivesTheSameFigures() {
        assertThat(new RoutingSimulation(1000, 7).run(RouterConfig.Policy.LEARNED))
                .isEqualTo(new RoutingSimulation(1000, 7).run(RouterConfig.Policy.LEARNED));
    }
}
