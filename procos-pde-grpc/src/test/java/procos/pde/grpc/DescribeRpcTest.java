package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.v1.Capability;
import procos.pde.v1.DescribeRequest;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointInfo;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.RoutingScore;

class DescribeRpcTest {

    private static final PdeDescription FULL = PdeDescription.newBuilder()
            .setPdeId("pde-1")
            .setVersion("0.1.0")
            .addCapabilities(Capability.newBuilder().setTaskType("invoice.extract"))
            .addCapabilities(Capability.newBuilder().setTaskType("mail.send"))
            .addEndpoints(endpoint("llm-1", "invoice.extract"))
            .addEndpoints(endpoint("smtp-1", "mail.send"))
            .addRoutingScores(RoutingScore.newBuilder().setTaskType("invoice.extract").setEndpointId("llm-1").setScore(0.9))
            .addRoutingScores(RoutingScore.newBuilder().setTaskType("mail.send").setEndpointId("smtp-1").setScore(0.7))
            .build();

    private final LogCapture log = new LogCapture();
    private InProcessPde pde;

    private PdeServiceGrpc.PdeServiceBlockingStub start(Supplier<PdeDescription> description) {
        pde = new InProcessPde(Tasks::succeeded, description, PdeServerOptions.dev());
        return pde.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pde.close();
        log.close();
    }

    @Test
    void plainDescribeReturnsEverythingExceptRoutingScores() {
        PdeDescription answer = start(() -> FULL).describe(DescribeRequest.getDefaultInstance());

        assertThat(answer).isEqualTo(FULL.toBuilder().clearRoutingScores().build());
    }

    @Test
    void includeRoutingScoresReturnsTheFullDescription() {
        PdeDescription answer = start(() -> FULL)
                .describe(DescribeRequest.newBuilder().setIncludeRoutingScores(true).build());

        assertThat(answer).isEqualTo(FULL);
    }

    @Test
    void taskTypesRestrictCapabilitiesEndpointsAndRoutingScores() {
        PdeDescription answer = start(() -> FULL).describe(DescribeRequest.newBuilder()
                .setIncludeRoutingScores(true)
                .addTaskTypes("invoice.extract")
                .build());

        assertThat(answer.getPdeId()).isEqualTo("pde-1");
        assertThat(answer.getCapabilitiesList()).extracting(Capability::getTaskType).containsExactly("invoice.extract");
        assertThat(answer.getEndpointsList()).extracting(e -> e.getDescription().getEndpointId()).containsExactly("llm-1");
        assertThat(answer.getRoutingScoresList()).extracting(RoutingScore::getEndpointId).containsExactly("llm-1");
    }

    @Test
    void failingDescriptionSupplierIsInternal() {
        var stub = start(() -> {
            throw new IllegalStateException("registry not loaded");
        });

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.describe(DescribeRequest.getDefaultInstance()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(e.getStatus().getDescription()).doesNotContain("registry");
        assertThat(log.await("describe_failed").get("error").asText()).contains("registry not loaded");
    }

    private static EndpointInfo endpoint(String id, String taskType) {
        return EndpointInfo.newBuilder()
                .setDescription(EndpointDescription.newBuilder()
                        .setEndpointId(id)
                        .addCapabilities(Capability.newBuilder().setTaskType(taskType)))
                .build();
    }
}
