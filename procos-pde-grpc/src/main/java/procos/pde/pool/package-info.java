/**
 * The PDE manager's pools: their configuration and their capacity.
 *
 * <p>An operator describes, in one YAML file, which PDE pools this node runs (type, instances,
 * tasks per instance), which endpoints they route to, what each task type requires and promises,
 * and which other PDE nodes can take work. {@link procos.pde.pool.PdeManagerConfigLoader} reads and
 * checks that file (schema in {@link procos.pde.pool.PdeManagerConfig}; example in
 * {@code procos/pde/pde-manager.example.yaml}) and refuses it as a whole, listing every problem,
 * rather than starting with part of it.
 *
 * <p>{@link procos.pde.pool.PdeAllocator} turns the pools into capacity: the engine dispatcher only
 * fetches tasks for which a pool has a free {@link procos.pde.pool.Permit}, so surplus work waits in
 * the engine instead of piling up or being dropped. {@link procos.pde.pool.TaskTypeCatalog} answers
 * what a task type requires and whether it is deterministic and idempotent.
 */
package procos.pde.pool;
