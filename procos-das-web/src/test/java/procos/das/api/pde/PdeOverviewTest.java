package procos.das.api.pde;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.dispatch.LaneLoad;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.HealthReports;
import procos.pde.endpoint.NoopEndpoint;
import procos.pde.pipeline.HealthProbe;
import procos.pde.pool.PdePool;
import procos.pde.pool.PoolConfig;
import procos.pde.routing.CircuitBreaker;
import procos.pde.routing.CircuitStatus;
import procos.pde.routing.RoutingSnapshot;
import procos.pde.routing.ScoreView;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.PdeType;

class PdeOverviewTest {

    private final HangingEndpoint hanging = new HangingEndpoint();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        hanging.release.countDown();
        threads.shutdownNow();
    }

    @Test
    void showsPoolsAndEachEndpointsLastReadingCircuitAndScores() {
        HealthProbe probe = new HealthProbe(Duration.ofMinutes(1));
        NoopEndpoint noop = new NoopEndpoint();
        probe.record(noop, HealthReports.of(HealthState.DEGRADED, "slow disk"));
        PdePool pool = new PdePool(new PoolConfig(PdeType.GENERAL_PURPOSE, 2, 3, List.of("noop"), List.of()));
        RoutingSnapshot routing = new RoutingSnapshot("learned",
                List.of(new ScoreView("noop", "noop", 3, 1, 4, 0, OptionalDouble.empty(), OptionalDouble.empty(), Instant.EPOCH)),
                Map.of("hanging", new CircuitStatus(CircuitBreaker.State.OPEN, 5, 1.0, 5, Optional.of(Instant.EPOCH), Optional.empty())));

        PdesView view = PdeOverview.of(List.of(new LaneLoad("general_purpose", pool, 0)), List.of(noop, hanging), probe, routing, 0, 0);

        assertThat(view.policy()).isEqualTo("learned");
        assertThat(view.pools()).singleElement().satisfies(item -> {
            assertThat(item.size()).isEqualTo(6);
            assertThat(item.inUse()).isZero();
            assertThat(item.endpoints()).containsExactly("noop");
        });
        EndpointItem first = view.endpoints().get(0);
        assertThat(first.id()).isEqualTo("noop");
        assertThat(first.health()).isEqualTo("UP");
        assertThat(first.detail()).isEqualTo("degraded: slow disk");
        assertThat(first.circuit()).isEqualTo("closed");
        assertThat(first.taskTypes()).contains("noop", "echo");
        assertThat(first.scores()).singleElement().satisfies(score -> {
            assertThat(score.score()).isEqualTo(4 / 6.0);
            assertThat(score.attempts()).isEqualTo(4);
        });
        EndpointItem second = view.endpoints().get(1);
        assertThat(second.health()).isEqualTo("UNKNOWN");
        assertThat(second.kind()).isEqualTo("connector");
        assertThat(second.circuit()).isEqualTo("open");
        assertThat(second.consecutiveFailures()).isEqualTo(5);
    }

    @Test
    void aSelfTestThatDoesNotAnswerByItsDeadlineIsDownAndRecordedAsTheReading() {
        HealthProbe probe = new HealthProbe(Duration.ofMinutes(1));

        SelfTestResult result = new EndpointSelfTest(threads, Duration.ofMillis(50)).run(hanging, probe);

        assertThat(result.health()).isEqualTo("DOWN");
        assertThat(result.detail()).contains("did not answer within 50 ms");
        assertThat(probe.lastReading("hanging")).hasValueSatisfying(health -> assertThat(health.getState()).isEqualTo(HealthState.UNHEALTHY));
        assertThat(new EndpointSelfTest(threads, Duration.ofSeconds(30)).run(new NoopEndpoint(), probe).health()).isEqualTo("UP");
    }

    /** An endpoint whose health check never answers until released. */
    private static final class HangingEndpoint implements Endpoint {

        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String id() {
            return "hanging";
        }

        @Override
        public EndpointDescription describe() {
            return EndpointDescription.newBuilder().setEndpointId("hanging").setKind(EndpointKind.CONNECTOR).build();
        }

        @Override
        public EndpointHealth health() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HealthReports.healthy();
        }

        @Override
        public InvokeResponse invoke(InvokeRequest request, Deadline deadline) {
            throw new UnsupportedOperationException();
        }
    }
}
