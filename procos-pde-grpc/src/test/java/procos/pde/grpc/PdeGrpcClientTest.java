package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.TaskResult;

class PdeGrpcClientTest {

    private static final String TOKEN = "client-test-token";
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final LogCapture log = new LogCapture();
    private InProcessPde pde;
    private PdeGrpcClient client;

    private PdeGrpcClient start(TaskExecutor executor) {
        pde = new InProcessPde(executor, () -> PdeDescription.newBuilder().setPdeId("pde-remote").build(),
                PdeServerOptions.secured(TOKEN));
        client = new PdeGrpcClient(InProcessChannelBuilder.forName(pde.name).directExecutor().build(),
                new BearerTokenCredentials(TOKEN));
        return client;
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (pde != null) {
            pde.close();
        }
        log.close();
    }

    @Test
    void executeReturnsTheRemoteResult() throws Exception {
        TaskResult result = start(Tasks::succeeded).execute(Tasks.request("t-1"), DEADLINE);

        assertThat(result).isEqualTo(Tasks.succeeded(Tasks.request("t-1")));
    }

    @Test
    void describeReturnsTheRemoteDescription() throws Exception {
        assertThat(start(Tasks::succeeded).describe().getPdeId()).isEqualTo("pde-remote");
    }

    @Test
    void stoppedServerIsUnavailableAndRetryable() throws Exception {
        PdeGrpcClient client = start(Tasks::succeeded);
        pde.server.stop(Duration.ZERO);

        PdeCallException e = catchThrowableOfType(PdeCallException.class,
                () -> client.execute(Tasks.request("t-1"), DEADLINE));

        assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void invalidTaskIsNotRetryable() {
        PdeGrpcClient client = start(request -> {
            throw new InvalidTaskException("spec.task_type", "unknown task type");
        });

        PdeCallException e = catchThrowableOfType(PdeCallException.class,
                () -> client.execute(Tasks.request("t-1"), DEADLINE));

        assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("spec.task_type: unknown task type");
    }

    @Test
    void executeAsyncCompletesWithTheResult() throws Exception {
        TaskResult result = start(Tasks::succeeded).executeAsync(Tasks.request("t-async"), DEADLINE)
                .get(5, TimeUnit.SECONDS);

        assertThat(result.getTaskId()).isEqualTo("t-async");
    }

    @Test
    void executeAsyncPastItsDeadlineFailsWithARetryablePdeCallException() {
        PdeGrpcClient client = start(request -> {
            Tasks.awaitCancellation();
            return Tasks.succeeded(request);
        });

        ExecutionException e = catchThrowableOfType(ExecutionException.class,
                () -> client.executeAsync(Tasks.request("t-slow"), Duration.ofMillis(100)).get(5, TimeUnit.SECONDS));

        assertThat(e.getCause()).isInstanceOfSatisfying(PdeCallException.class, cause -> {
            assertThat(cause.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(cause.retryable()).isTrue();
        });
        assertThat(log.await("task_finished").get("grpc_status").asText()).isEqualTo("DEADLINE_EXCEEDED");
    }
}
