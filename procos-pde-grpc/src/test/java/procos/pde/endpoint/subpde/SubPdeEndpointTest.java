package procos.pde.endpoint.subpde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Context;
import io.grpc.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.pde.endpoint.EndpointException;
import procos.pde.grpc.CorrelationIdInterceptor;
import procos.pde.grpc.InProcessPde;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.grpc.PdeGrpcServer;
import procos.pde.grpc.PdeServerOptions;
import procos.pde.grpc.TestCertificates;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.pool.TlsConfig;
import procos.pde.v1.Capability;
import procos.pde.v1.Correlation;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Mode;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

class SubPdeEndpointTest {

    private InProcessPde child;
    private PdeGrpcServer nettyChild;
    private SubPdeEndpoint endpoint;

    @AfterEach
    void stop() throws InterruptedException {
        if (endpoint != null) {
            endpoint.close();
        }
        if (child != null) {
            child.close();
        }
        if (nettyChild != null) {
            nettyChild.stop(Duration.ZERO);
        }
    }

    @Test
    void outputsOfTheChildPdePassThrough() throws Exception {
        endpoint = inProcess(request -> succeeded(request.getSpec(), "echo", request.getSpec().getInputs().getFieldsOrThrow("x")));

        InvokeResponse response = endpoint.invoke(invoke("t-1", Correlation.getDefaultInstance()), tenSeconds());

        assertThat(response.getOutputs().getFieldsOrThrow("echo").getStringValue()).isEqualTo("hello");
        assertThat(response.getConfidence()).isEqualTo(1.0);
    }

    @Test
    void theChildPdeRunsUnderTheCallersDeadline() throws Exception {
        AtomicReference<Deadline> seen = new AtomicReference<>();
        endpoint = inProcess(request -> {
            seen.set(Context.current().getDeadline());
            return succeeded(request.getSpec(), "ok", Value.newBuilder().setBoolValue(true).build());
        });

        endpoint.invoke(invoke("t-2", Correlation.getDefaultInstance()), Deadline.after(7, TimeUnit.SECONDS));

        // Without propagation the child would run without any deadline; with it, never with more time than given.
        assertThat(seen.get()).isNotNull();
        assertThat(seen.get().timeRemaining(TimeUnit.NANOSECONDS)).isLessThanOrEqualTo(TimeUnit.SECONDS.toNanos(7));
    }

    @Test
    void correlationIdsReachTheChildInTheSpecAndAsHeader() throws Exception {
        AtomicReference<TaskSpec> spec = new AtomicReference<>();
        AtomicReference<String> header = new AtomicReference<>();
        endpoint = inProcess(request -> {
            spec.set(request.getSpec());
            header.set(CorrelationIdInterceptor.current());
            return succeeded(request.getSpec(), "ok", Value.newBuilder().setBoolValue(true).build());
        });

        endpoint.invoke(invoke("t-3", Correlation.newBuilder().setCorrelationId("order-42").setProcessInstanceId("pi-7").build()),
                tenSeconds());

        assertThat(spec.get().getTaskId()).isEqualTo("t-3");
        assertThat(spec.get().getCorrelation().getCorrelationId()).isEqualTo("order-42");
        assertThat(spec.get().getCorrelation().getProcessInstanceId()).isEqualTo("pi-7");
        assertThat(header.get()).isEqualTo("order-42");
    }

    @Test
    void aChildFailureBecomesAnEndpointErrorRetryableAsTheChildSays() {
        endpoint = inProcess(request -> TaskResult.newBuilder().setTaskId(request.getSpec().getTaskId())
                .setStatus(TaskStatus.FAILED).setPdeId("child-1")
                .setError(ErrorDetail.newBuilder().setCode("LEDGER_CLOSED").setMessage("books closed").setRetryable(false))
                .build());

        EndpointException failure = catchThrowableOfType(EndpointException.class,
                () -> endpoint.invoke(invoke("t-4", Correlation.getDefaultInstance()), tenSeconds()));

        assertThat(failure.code()).isEqualTo("LEDGER_CLOSED");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("child-1").contains("books closed");
    }

    @Test
    void aBpmnErrorOfTheChildIsReturnedForTheProcessToCatch() throws Exception {
        endpoint = inProcess(request -> TaskResult.newBuilder().setTaskId(request.getSpec().getTaskId())
                .setStatus(TaskStatus.BPMN_ERROR)
                .setError(ErrorDetail.newBuilder().setCode("NOT_FOUND").setBpmnErrorCode("CUSTOMER_NOT_FOUND"))
                .build());

        InvokeResponse response = endpoint.invoke(invoke("t-5", Correlation.getDefaultInstance()), tenSeconds());

        assertThat(response.getError().getBpmnErrorCode()).isEqualTo("CUSTOMER_NOT_FOUND");
    }

    @Test
    void anUnavailableChildPdeIsARetryableFailure() throws InterruptedException {
        endpoint = inProcess(request -> succeeded(request.getSpec(), "never", Value.getDefaultInstance()));
        child.close();

        EndpointException failure = catchThrowableOfType(EndpointException.class,
                () -> endpoint.invoke(invoke("t-6", Correlation.getDefaultInstance()), tenSeconds()));

        assertThat(failure.code()).isEqualTo("UNAVAILABLE");
        assertThat(failure.retryable()).isTrue();
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.UNHEALTHY);
    }

    @Test
    void aConfiguredPdeEndpointCallsItsChildOverTheNetworkWithItsToken() throws Exception {
        nettyChild = PdeGrpcServer.onPort(0, request -> succeeded(request.getSpec(), "via", Value.newBuilder()
                .setStringValue("netty").build()), SubPdeEndpointTest::description, PdeServerOptions.secured("s3cret")).start();
        endpoint = SubPdeEndpoint.fromConfig(new EndpointConfig("child-b", EndpointKind.PDE,
                Optional.of("localhost:" + nettyChild.port()), Optional.of("s3cret"), Optional.empty(), Map.of()));

        InvokeResponse response = endpoint.invoke(invoke("t-7", Correlation.getDefaultInstance()), tenSeconds());

        assertThat(response.getOutputs().getFieldsOrThrow("via").getStringValue()).isEqualTo("netty");
        assertThat(endpoint.describe().getCapabilitiesList()).extracting(Capability::getTaskType).containsExactly("echo");
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aWrongTokenIsAPermanentFailure() throws Exception {
        nettyChild = PdeGrpcServer.onPort(0, request -> succeeded(request.getSpec(), "x", Value.getDefaultInstance()),
                SubPdeEndpointTest::description, PdeServerOptions.secured("s3cret")).start();
        endpoint = SubPdeEndpoint.fromConfig(new EndpointConfig("child-b", EndpointKind.PDE,
                Optional.of("localhost:" + nettyChild.port()), Optional.of("wrong"), Optional.empty(), Map.of()));

        EndpointException failure = catchThrowableOfType(EndpointException.class,
                () -> endpoint.invoke(invoke("t-8", Correlation.getDefaultInstance()), tenSeconds()));

        assertThat(failure.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void aPdeEndpointWithATlsMappingReachesAChildServingTls(@TempDir Path certs) throws Exception {
        nettyChild = PdeGrpcServer.onPort(0, request -> succeeded(request.getSpec(), "via", Value.newBuilder()
                .setStringValue("tls").build()), SubPdeEndpointTest::description, PdeServerOptions.secured("s3cret")
                .withTls(TestCertificates.file(certs, "server1.pem").toFile(),
                        TestCertificates.file(certs, "server1.key").toFile())).start();
        TlsConfig tls = new TlsConfig(true, Optional.of(TestCertificates.file(certs, "ca.pem")),
                Optional.of(TestCertificates.SERVER1_AUTHORITY), Optional.empty(), Optional.empty());
        endpoint = SubPdeEndpoint.fromConfig(new EndpointConfig("child-b", EndpointKind.PDE,
                Optional.of("localhost:" + nettyChild.port()), Optional.of("s3cret"), tls, Optional.empty(), Map.of()));

        InvokeResponse response = endpoint.invoke(invoke("t-9", Correlation.getDefaultInstance()), tenSeconds());

        assertThat(response.getOutputs().getFieldsOrThrow("via").getStringValue()).isEqualTo("tls");
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void tlsUnderSettingsIsRefusedWithAPointerToTheTlsMapping() {
        IllegalArgumentException refused = catchThrowableOfType(IllegalArgumentException.class,
                () -> SubPdeEndpoint.fromConfig(new EndpointConfig("child-b", EndpointKind.PDE, Optional.of("localhost:1"),
                        Optional.empty(), Optional.empty(), Map.of("tls", "true"))));

        assertThat(refused.getMessage()).startsWith("endpoint 'child-b': setting 'tls' is not a setting of pde endpoints")
                .contains("the endpoint's own tls mapping");
    }

    @Test
    void anUnknownSettingIsRefusedByName() {
        IllegalArgumentException refused = catchThrowableOfType(IllegalArgumentException.class,
                () -> SubPdeEndpoint.fromConfig(new EndpointConfig("child-b", EndpointKind.PDE, Optional.of("localhost:1"),
                        Optional.empty(), Optional.empty(), Map.of("tsl", "true"))));

        assertThat(refused.getMessage()).contains("endpoint 'child-b'").contains("setting 'tsl'");
    }

    private static Deadline tenSeconds() {
        return Deadline.after(10, TimeUnit.SECONDS);
    }

    private SubPdeEndpoint inProcess(TaskExecutor executor) {
        child = new InProcessPde(executor, SubPdeEndpointTest::description, PdeServerOptions.dev());
        return new SubPdeEndpoint("child-a", new PdeGrpcClient(child.channel(), null), Optional.empty());
    }

    private static PdeDescription description() {
        return PdeDescription.newBuilder().setPdeId("child-1")
                .addCapabilities(Capability.newBuilder().setTaskType("echo")).build();
    }

    private static InvokeRequest invoke(String taskId, Correlation correlation) {
        return InvokeRequest.newBuilder().setInvocationId(taskId + "/1").setTaskId(taskId).setTaskType("echo")
                .setMode(Mode.DETERMINISTIC).setCorrelation(correlation)
                .setInputs(Struct.newBuilder().putFields("x", Value.newBuilder().setStringValue("hello").build()))
                .build();
    }

    private static TaskResult succeeded(TaskSpec spec, String key, Value value) {
        return TaskResult.newBuilder().setTaskId(spec.getTaskId()).setStatus(TaskStatus.SUCCEEDED).setConfidence(1.0)
                .setOutputs(Struct.newBuilder().putFields(key, value)).build();
    }

}
