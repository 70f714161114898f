package procos.das.api.pde;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The PDEs of this server at a glance.
 *
 * @param policy        the routing policy in force: learned or static
 * @param tasksInFlight tasks running on a pool slot now
 * @param tasksLocked   tasks this server holds locked: running, fetched ahead or being reported
 */
@Schema(name = "Pdes")
public record PdesView(String policy, List<PoolItem> pools, List<EndpointItem> endpoints, int tasksInFlight, int tasksLocked) {
}
