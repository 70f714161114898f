package procos.pde.meta;

import java.util.List;
import java.util.Optional;
import procos.pde.endpoint.subpde.SubPdeEndpoint;

/**
 * The PDEs a meta PDE sends its sub-tasks to: the {@code pde} endpoints of the meta pool, in the
 * pool's order. A sub-task goes to the first whose PDE advertises its task type.
 */
final class SubPdes {

    private final List<SubPdeEndpoint> pdes;

    SubPdes(List<SubPdeEndpoint> pdes) {
        this.pdes = List.copyOf(pdes);
    }

    Optional<SubPdeEndpoint> forType(String taskType) {
        return pdes.stream()
                .filter(pde -> pde.describe().getCapabilitiesList().stream()
                        .anyMatch(capability -> capability.getTaskType().equals(taskType)))
                .findFirst();
    }

    List<String> ids() {
        return pdes.stream().map(SubPdeEndpoint::id).toList();
    }
}
