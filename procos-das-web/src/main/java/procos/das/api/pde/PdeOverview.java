package procos.das.api.pde;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import procos.pde.dispatch.LaneLoad;
import procos.pde.endpoint.Endpoint;
import procos.pde.pipeline.HealthProbe;
import procos.pde.pool.PoolConfig;
import procos.pde.routing.CircuitStatus;
import procos.pde.routing.RoutingSnapshot;
import procos.pde.routing.ScoreView;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.kernel.pde.PdeRuntime;

/**
 * The PDE runtime as the console shows it: pools with their load, endpoints with their last health
 * reading, circuit and learned scores. Reads only what the runtime already knows; it never calls an endpoint.
 */
public final class PdeOverview {

    private PdeOverview() {
    }

    public static PdesView of(PdeRuntime runtime) {
        return of(runtime.pools(), runtime.endpoints().all(), runtime.health(), runtime.routing(), runtime.tasksInFlight(),
                runtime.tasksLocked());
    }

    static PdesView of(List<LaneLoad> lanes, Collection<Endpoint> endpoints, HealthProbe health, RoutingSnapshot routing,
                       int tasksInFlight, int tasksLocked) {
        List<PoolItem> pools = lanes.stream().map(PdeOverview::pool).toList();
        List<EndpointItem> items = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            items.add(endpoint(endpoint, health.lastReading(endpoint.id()).orElse(null), routing));
        }
        return new PdesView(routing.policy(), pools, items, tasksInFlight, tasksLocked);
    }

    private static PoolItem pool(LaneLoad lane) {
        PoolConfig config = lane.pool().config();
        return new PoolItem(lane.name(), lane.pool().capacity(), lane.pool().inFlight(), lane.queued(), config.instances(),
                config.maxConcurrentTasks(), config.taskTypes(), config.endpoints());
    }

    private static EndpointItem endpoint(Endpoint endpoint, EndpointHealth health, RoutingSnapshot routing) {
        EndpointDescription description = endpoint.describe();
        CircuitStatus circuit = routing.circuits().get(endpoint.id());
        List<ScoreItem> scores = routing.scores().stream().filter(score -> score.endpointId().equals(endpoint.id()))
                .map(PdeOverview::score).toList();
        return new EndpointItem(endpoint.id(), kind(description), description.getCapabilitiesList().stream()
                .map(capability -> capability.getTaskType()).distinct().toList(),
                HealthWords.state(health), HealthWords.detail(health), HealthWords.checkedAt(health),
                circuit == null ? "closed" : circuit.state().name().toLowerCase(Locale.ROOT),
                circuit == null ? 0 : circuit.consecutiveFailures(), scores);
    }

    private static ScoreItem score(ScoreView view) {
        return new ScoreItem(view.taskType(), view.expectedSuccess(), view.samples(), view.successes());
    }

    private static String kind(EndpointDescription description) {
        return switch (description.getKind()) {
            case FUNCTION, MODEL, CONNECTOR -> description.getKind().name().toLowerCase(Locale.ROOT);
            default -> "unspecified";
        };
    }
}
