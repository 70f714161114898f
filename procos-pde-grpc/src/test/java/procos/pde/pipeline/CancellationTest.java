package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/** A caller that cancels (a gRPC client going away) stops the task: no retry, no fallback. */
class CancellationTest {

    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopCaller() {
        caller.shutdownNow();
    }

    @Test
    void cancellingTheCallerStopsTheEndpointCallAndSkipsTheFallback() throws Exception {
        ScriptedEndpoint primary = ScriptedEndpoint.of("primary", "lookup").otherwiseBlock();
        ScriptedEndpoint fallback = ScriptedEndpoint.of("fallback", "lookup").otherwiseRespond(InvokeResponse.getDefaultInstance());
        Pipeline pipeline = new PipelineBuilder(new EndpointRegistry().register(primary).register(fallback))
                .defaultTimeout(Duration.ofMinutes(1)).build();
        Context.CancellableContext context = Context.current().withCancellation();

        Future<TaskResult> running = caller.submit(() -> context.call(
                () -> pipeline.execute(Fixtures.request(Fixtures.spec("t-cancel", "lookup")))));
        while (primary.calls() == 0) {
            Thread.onSpinWait();
        }
        context.cancel(null);
        TaskResult result = running.get(30, TimeUnit.SECONDS);

        assertThat(result.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.getError().getCode()).isEqualTo(EndpointCall.CANCELLED);
        assertThat(result.getError().getRetryable()).isFalse();
        assertThat(fallback.calls()).as("a cancelled task does not fall back").isZero();
    }
}
