package procos.das.api.pde;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One PDE pool and how busy it is now.
 *
 * @param size      tasks it runs at once (instances × max concurrent tasks)
 * @param inUse     tasks running on its slots
 * @param queued    tasks locked for it and not running: waiting for a slot or being reported
 * @param taskTypes the task types it serves; empty for the catch-all pool
 */
@Schema(name = "PdePool")
public record PoolItem(String name, int size, int inUse, int queued, int instances, int maxConcurrentTasks,
                       List<String> taskTypes, List<String> endpoints) {
}
