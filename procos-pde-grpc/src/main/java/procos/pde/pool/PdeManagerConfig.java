package procos.pde.pool;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The PDE manager's configuration: which PDE pools run on this node, which endpoints they route
 * to, what is known about each task type, and which other PDE nodes can take work. Obtained from
 * {@link PdeManagerConfigLoader}, which guarantees everything below holds; the records themselves
 * only hold values.
 *
 * <h2>YAML schema</h2>
 * Everything lives under one root key. Unknown keys are errors at every level. Any string value
 * may use {@code ${VAR}} or {@code ${VAR:default}} (see {@link PdeManagerConfigLoader}).
 * <pre>{@code
 * pde_manager:
 *   node_id: <text>                 # required; this server's id among PDE nodes
 *   pools:                          # required, at least one; at most one pool per type
 *     - type: <pde type>            # general_purpose | ai | integration | meta
 *       instances: <int ≥ 1>        # PDE instances in the pool
 *       max_concurrent_tasks: <int ≥ 1>   # per instance; capacity = instances × max_concurrent_tasks
 *       endpoints: [<endpoint id>, ...]   # default route for the pool's task types, priority order
 *       task_types: [<task type>, ...]    # claimed by this pool only; empty (general_purpose only)
 *                                         # = catch-all for every unclaimed task type
 *   endpoints:                      # optional
 *     - id: <id>                    # required, unique; letters, digits, . _ -
 *       kind: <kind>                # builtin | remote | pde | llm | http | mail | jdbc | files | script
 *       address: <host:port>        # required for remote and pde, not allowed for other kinds
 *       token: <text>               # optional, remote and pde only; use ${VAR}
 *       timeout: <ISO-8601>         # optional, > 0, e.g. PT30S
 *       settings: {<key>: <scalar>} # optional, kind-specific, read by the endpoint implementation
 *   task_types:                     # optional; undescribed task types require and promise nothing
 *     - name: <task type>           # required, unique, handled by some pool
 *       required_inputs: [<key>, ...]
 *       required_outputs: [<key>, ...]
 *       deterministic: <bool>       # default false
 *       idempotent: <bool>          # default false
 *   routing:                        # optional; at most one rule per task type
 *     - task_type: <task type>      # must be handled by some pool
 *       endpoints: [<endpoint id>, ...]  # at least one; primary first, then fallbacks
 *   router:                         # optional; how the Gateway uses the routing rules
 *     policy: learned | static      # default learned
 *     health_interval: <ISO-8601>   # background health probe period, > 0; default PT5S
 *     state_file: <path>            # optional; learned scores kept across restarts
 *     save_interval: <ISO-8601>     # > 0; default PT1M
 *     half_life: <ISO-8601>         # > 0; default PT10M
 *     latency_weight: <number ≥ 0>  # default 0.1
 *     circuit:
 *       consecutive_failures: <int ≥ 1>  # default 5
 *       failure_rate: <number in (0, 1]> # default 0.5
 *       window: <int ≥ 1>                # default 20
 *       cool_down: <ISO-8601>            # > 0; default PT30S
 *   nodes:                          # optional; standalone PDE nodes for scale-out
 *     - id: <id>                    # required, unique, not this server's node_id
 *       address: <host:port>        # required
 *       token: <text>               # optional
 *       pde_types: [<pde type>, ...]     # at least one
 * }</pre>
 * A task type a pool handles must be reachable: through a routing rule or the pool's endpoints
 * (meta pools excepted, which compose other tasks instead of calling endpoints).
 *
 * @param nodeId    this server's id
 * @param pools     the local pools, in file order
 * @param endpoints every endpoint, in file order
 * @param taskTypes described task types, in file order
 * @param routing   routing rules, in file order
 * @param nodes     remote PDE nodes, in file order
 * @param router    how the Gateway chooses among candidates ({@link RouterConfig#DEFAULT} when absent)
 */
public record PdeManagerConfig(String nodeId, List<PoolConfig> pools, List<EndpointConfig> endpoints,
                               List<TaskTypeConfig> taskTypes, List<RoutingRule> routing,
                               List<NodeConfig> nodes, RouterConfig router) {

    public PdeManagerConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(router, "router");
        pools = List.copyOf(pools);
        endpoints = List.copyOf(endpoints);
        taskTypes = List.copyOf(taskTypes);
        routing = List.copyOf(routing);
        nodes = List.copyOf(nodes);
    }

    /** A configuration without a {@code router} section. */
    public PdeManagerConfig(String nodeId, List<PoolConfig> pools, List<EndpointConfig> endpoints,
                            List<TaskTypeConfig> taskTypes, List<RoutingRule> routing, List<NodeConfig> nodes) {
        this(nodeId, pools, endpoints, taskTypes, routing, nodes, RouterConfig.DEFAULT);
    }

    /** The endpoint with this id, if declared. */
    public Optional<EndpointConfig> endpoint(String id) {
        return endpoints.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The routing rule for this task type, if there is one. */
    public Optional<RoutingRule> routingRule(String taskType) {
        return routing.stream().filter(r -> r.taskType().equals(taskType)).findFirst();
    }
}
