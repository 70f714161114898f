package procos.pde.endpoint;

import io.grpc.Deadline;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * The built-in endpoint every PDE has: {@code noop} does nothing and {@code echo} returns its inputs.
 * They measure the platform's own overhead (the dispatch benchmark) and let a process be wired and
 * tested before its real endpoints exist.
 */
public final class NoopEndpoint implements Endpoint {

    public static final String ID = "noop";

    private static final EndpointDescription DESCRIPTION = EndpointDescription.newBuilder()
            .setEndpointId(ID)
            .setKind(EndpointKind.FUNCTION)
            .setVersion("1")
            .setDescription("Built-in: 'noop' does nothing, 'echo' returns its inputs as outputs.")
            .addCapabilities(Capability.newBuilder().setTaskType("noop"))
            .addCapabilities(Capability.newBuilder().setTaskType("echo"))
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EndpointDescription describe() {
        return DESCRIPTION;
    }

    @Override
    public EndpointHealth health() {
        return HealthReports.healthy();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) {
        InvokeResponse.Builder response = InvokeResponse.newBuilder().setConfidence(1.0);
        if (request.getTaskType().equals("echo")) {
            response.setOutputs(request.getInputs());
        }
        return response.build();
    }

    /** Builds its response from the request in memory; nothing it does can block. */
    @Override
    public boolean runsInline() {
        return true;
    }
}
