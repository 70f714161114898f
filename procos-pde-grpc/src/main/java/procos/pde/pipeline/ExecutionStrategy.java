package procos.pde.pipeline;

/** How a task uses its route plan: once with retries (deterministic) or by refinement (probabilistic). */
public interface ExecutionStrategy {

    Outcome run(TaskContext context, RoutePlan plan);
}
