package it.procos.server;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.Timestamps;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescribeRequest;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointHealthRequest;
import procos.pde.v1.EndpointServiceGrpc;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * A remote endpoint (gRPC EndpointService) for the service steps of generated processes, as an
 * operator would bind a generated process's task types to a team's service. It reports every
 * output the step is expected to give ({@code expected_outputs}, {@code name:type}) with a value of
 * its type (true, 1, "ok"), so decisions take their first branch and loops end. It answers {@code Describe} only once the test has told it the
 * task types (the server caches the first answer it gets).
 */
final class GeneratedStepsEndpoint extends EndpointServiceGrpc.EndpointServiceImplBase {

    private final Set<String> taskTypes = ConcurrentHashMap.newKeySet();
    private volatile boolean describing;
    final AtomicInteger invocations = new AtomicInteger();

    /**
     * Writes a PDE manager configuration whose catch-all pool has the builtin {@code noop} and this
     * endpoint, as {@code generated-steps} at localhost:port, for {@code PROCOS_PDE_CONFIG}.
     */
    static Path pdeConfig(Path file, int port) throws IOException {
        return Files.writeString(file, """
                pde_manager:
                  node_id: generated-steps-it
                  pools:
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 8
                      endpoints: [noop, generated-steps]
                  endpoints:
                    - id: noop
                      kind: builtin
                    - id: generated-steps
                      kind: remote
                      address: localhost:%d
                      timeout: PT10S
                """.formatted(port));
    }

    /** Serves this endpoint over gRPC on localhost:port until the returned server is shut down. */
    Server listen(int port) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("localhost", port)).addService(this).build().start();
    }

    void serve(Set<String> types) {
        taskTypes.addAll(types);
        describing = true;
    }

    @Override
    public void describe(EndpointDescribeRequest request, StreamObserver<EndpointDescription> response) {
        if (!describing) {
            response.onError(Status.UNAVAILABLE.withDescription("task types not known yet").asRuntimeException());
            return;
        }
        EndpointDescription.Builder description = EndpointDescription.newBuilder().setEndpointId("generated-steps").setVersion("1")
                .setDescription("answers the service steps of generated processes");
        taskTypes.stream().sorted().forEach(type -> description.addCapabilities(Capability.newBuilder().setTaskType(type)));
        response.onNext(description.build());
        response.onCompleted();
    }

    @Override
    public void health(EndpointHealthRequest request, StreamObserver<EndpointHealth> response) {
        response.onNext(EndpointHealth.newBuilder().setState(HealthState.HEALTHY)
                .setCheckedAt(Timestamps.fromMillis(System.currentTimeMillis())).build());
        response.onCompleted();
    }

    @Override
    public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> response) {
        if (!taskTypes.contains(request.getTaskType())) {
            response.onError(Status.UNIMPLEMENTED.withDescription("no task type " + request.getTaskType()).asRuntimeException());
            return;
        }
        invocations.incrementAndGet();
        Struct.Builder outputs = Struct.newBuilder().putFields("done_by", Value.newBuilder().setStringValue("generated-steps").build());
        String expected = request.getInputs().getFieldsOrDefault("expected_outputs", Value.getDefaultInstance()).getStringValue();
        for (String declared : expected.isBlank() ? List.<String>of() : List.of(expected.split(","))) {
            String[] nameAndType = declared.trim().split(":", 2);
            String type = nameAndType.length > 1 ? nameAndType[1] : "boolean";
            outputs.putFields(nameAndType[0], switch (type) {
                case "number" -> Value.newBuilder().setNumberValue(1).build();
                case "string" -> Value.newBuilder().setStringValue("ok").build();
                default -> Value.newBuilder().setBoolValue(true).build();
            });
        }
        response.onNext(InvokeResponse.newBuilder().setOutputs(outputs).build());
        response.onCompleted();
    }
}
