package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.BadRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.logging.StructuredLogger;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.Correlation;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;

class ExecuteRpcTest {

    private InProcessPde pde;
    private LogCapture log;

    private PdeServiceGrpc.PdeServiceBlockingStub start(TaskExecutor executor) {
        log = new LogCapture();
        pde = new InProcessPde(executor, PdeServerOptions.dev());
        return pde.blockingStub();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (pde != null) {
            pde.close();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    void executeReturnsTheExecutorsResult() {
        var stub = start(Tasks::succeeded);

        TaskResult result = stub.withDeadlineAfter(5, TimeUnit.SECONDS).execute(Tasks.request("t-1"));

        assertThat(result).isEqualTo(Tasks.succeeded(Tasks.request("t-1")));
    }

    @Test
    void invalidSpecFailsWithInvalidArgumentNamingTheFieldAlsoInBadRequestDetails() throws Exception {
        var stub = start(request -> {
            throw new InvalidTaskException("spec.task_id", "required");
        });

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.withDeadlineAfter(5, TimeUnit.SECONDS).execute(Tasks.request("")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).isEqualTo("spec.task_id: required");
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        assertThat(details).isNotNull();
        BadRequest badRequest = details.getDetails(0).unpack(BadRequest.class);
        assertThat(badRequest.getFieldViolationsList())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.getField()).isEqualTo("spec.task_id");
                    assertThat(v.getDescription()).isEqualTo("required");
                });
    }

    @Test
    void alreadyExpiredSpecDeadlineFailsWithDeadlineExceededWithoutCallingTheExecutor() {
        AtomicInteger calls = new AtomicInteger();
        var stub = start(request -> {
            calls.incrementAndGet();
            return Tasks.succeeded(request);
        });
        TaskRequest expired = Tasks.withDeadline(Tasks.request("t-late"), Instant.now().minusSeconds(1));

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.withDeadlineAfter(5, TimeUnit.SECONDS).execute(expired));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(calls).hasValue(0);
    }

    @Test
    void slowExecutorPastTheClientDeadlineGivesDeadlineExceededAndSendsNothing() {
        AtomicBoolean executorSawCancellation = new AtomicBoolean();
        var stub = start(request -> {
            executorSawCancellation.set(Tasks.awaitCancellation());
            return Tasks.succeeded(request);
        });

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.withDeadlineAfter(100, TimeUnit.MILLISECONDS).execute(Tasks.request("t-slow")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        JsonNode finished = log.await("task_finished");
        assertThat(finished.get("grpc_status").asText()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(finished.has("task_status")).as("no result was sent").isFalse();
        assertThat(executorSawCancellation).isTrue();
    }

    @Test
    void unexpectedExecutorFailureIsInternalWithoutLeakingItsMessage() {
        var stub = start(request -> {
            throw new IllegalStateException("connection to db-internal-7 refused");
        });

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.withDeadlineAfter(5, TimeUnit.SECONDS).execute(Tasks.request("t-boom")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(e.getStatus().getDescription())
                .isEqualTo("internal error while executing the task")
                .doesNotContain("db-internal-7");
        JsonNode finished = log.await("task_finished");
        assertThat(finished.get("level").asText()).isEqualTo("ERROR");
        assertThat(finished.get("error").asText()).contains("db-internal-7");
    }

    @Test
    void taskFinishedIsLoggedWithTheSpecsCorrelationIdsStatusAndDuration() {
        var stub = start(Tasks::succeeded);
        Correlation correlation = Correlation.newBuilder()
                .setCorrelationId("order-4711").setProcessInstanceId("pi-9").setPeoId("peo-1").build();

        stub.withDeadlineAfter(5, TimeUnit.SECONDS).execute(Tasks.request("t-log", correlation));

        JsonNode finished = log.await("task_finished");
        assertThat(finished.get("correlation_id").asText()).isEqualTo("order-4711");
        assertThat(finished.get("process_instance_id").asText()).isEqualTo("pi-9");
        assertThat(finished.get("peo_id").asText()).isEqualTo("peo-1");
        assertThat(finished.get("task_id").asText()).isEqualTo("t-log");
        assertThat(finished.get("grpc_status").asText()).isEqualTo("OK");
        assertThat(finished.get("task_status").asText()).isEqualTo("SUCCEEDED");
        assertThat(finished.get("duration_ms").isNumber()).isTrue();
    }

    @Test
    void executorLogLinesCarryTheHeaderCorrelationIdWhenTheSpecHasNone() {
        StructuredLogger pipelineLog = StructuredLogger.forComponent("pipeline");
        var stub = start(request -> {
            pipelineLog.info("working").log();
            return Tasks.succeeded(request);
        });
        Metadata headers = new Metadata();
        headers.put(CorrelationIdInterceptor.HEADER, "req-from-header");

        stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .execute(Tasks.request("t-hdr"));

        assertThat(log.await("working").get("correlation_id").asText()).isEqualTo("req-from-header");
        assertThat(log.await("task_finished").get("correlation_id").asText()).isEqualTo("req-from-header");
    }

    @Test
    void specCorrelationIdWinsOverTheHeader() {
        var stub = start(Tasks::succeeded);
        Metadata headers = new Metadata();
        headers.put(CorrelationIdInterceptor.HEADER, "req-from-header");

        stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .execute(Tasks.request("t-both", Correlation.newBuilder().setCorrelationId("from-spec").build()));

        assertThat(log.await("task_finished").get("correlation_id").asText()).isEqualTo("from-spec");
    }
}
