package procos.pde.pipeline;

import io.grpc.Context;
import io.grpc.Deadline;
import java.util.List;
import java.util.Optional;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Mode;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;

/**
 * The PDE: every task goes Start → Test → Gateway → (strategy: invoke + Validate) → Complete.
 * The caller's deadline is the gRPC {@link Context}'s, so a deadline set by a remote caller — or by
 * the engine dispatcher, which runs tasks inside a context whose deadline is the external task's
 * lock — reaches every endpoint call without being passed around.
 */
public final class Pipeline implements TaskExecutor {

    private final StartBlock start;
    private final TestBlock test;
    private final GatewayBlock gateway;
    private final ExecutionStrategy deterministic;
    private final ExecutionStrategy probabilistic;
    private final CompleteBlock complete;
    private final ResultCache cache;

    public Pipeline(StartBlock start, TestBlock test, GatewayBlock gateway, ExecutionStrategy deterministic,
                    ExecutionStrategy probabilistic, CompleteBlock complete, ResultCache cache) {
        this.start = start;
        this.test = test;
        this.gateway = gateway;
        this.deterministic = deterministic;
        this.probabilistic = probabilistic;
        this.complete = complete;
        this.cache = cache;
    }

    @Override
    public TaskResult execute(TaskRequest request) throws InvalidTaskException {
        Deadline callerDeadline = Context.current().getDeadline();
        TaskContext context = start.start(request, callerDeadline);
        if (complete.cacheable(context)) {
            Optional<TaskResult> cached = cache.get(context.spec());
            if (cached.isPresent()) {
                return complete.completeFromCache(context, cached.get());
            }
        }
        TestReport report = test.test(context);
        RoutePlan plan = gateway.route(context, report);
        if (plan.isEmpty()) {
            return complete.complete(context, Outcome.failed(ErrorDetail.newBuilder()
                    .setCode("NO_HEALTHY_ENDPOINT")
                    .setMessage("no endpoint available for '" + context.taskType() + "': " + String.join("; ", report.excluded()))
                    .setRetryable(true).build(), List.of(), List.of()));
        }
        ExecutionStrategy strategy = context.mode() == Mode.PROBABILISTIC ? probabilistic : deterministic;
        return complete.complete(context, strategy.run(context, plan));
    }
}
