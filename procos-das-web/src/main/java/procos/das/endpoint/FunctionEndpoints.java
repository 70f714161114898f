package procos.das.endpoint;

import com.google.protobuf.Value;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.Mode;

/** What the DAS endpoints share: how they describe themselves and how they write outputs. */
final class FunctionEndpoints {

    private FunctionEndpoints() {
    }

    /** An in-process function endpoint running {@code taskTypes}, deterministically. */
    static EndpointDescription describe(String id, String description, String... taskTypes) {
        EndpointDescription.Builder builder = EndpointDescription.newBuilder().setEndpointId(id)
                .setKind(EndpointKind.FUNCTION).setVersion("1").setDescription(description);
        for (String taskType : taskTypes) {
            builder.addCapabilities(Capability.newBuilder().setTaskType(taskType).addModes(Mode.DETERMINISTIC));
        }
        return builder.build();
    }

    static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }

    static Value number(double value) {
        return Value.newBuilder().setNumberValue(value).build();
    }

    static Value bool(boolean value) {
        return Value.newBuilder().setBoolValue(value).build();
    }
}
