package procos.bench;

import java.util.Locale;

/**
 * The four ways a no-op service task is run, one column each. All run on the same engine and database:
 * the packaged server's H2 file in the bench's own output directory.
 */
enum BenchSystem {

    /** In-process expression task {@code ${execution.getId()}}: equivalent to a no-op JavaDelegate; the engine's ceiling. */
    IN_PROCESS("a", "(a) in-process", "bench_a_inprocess", null,
            "in-process expression task ${execution.getId()} (equivalent to a no-op JavaDelegate): the engine's ceiling"),
    /** ProcOS dispatch to a standalone PDE node over gRPC. */
    NODE("b", "(b) ProcOS→PDE node", "bench_b_node", "noop",
            "ProcOS dispatcher → integration pool → standalone PDE node over gRPC (external task, topic noop)"),
    /** ProcOS dispatch to the server's own in-process pipeline. */
    LOCAL("b'", "(b') ProcOS local", "bench_bp_local", "echo",
            "ProcOS dispatcher → local catch-all pool → the server's in-process pipeline (external task, topic echo, not cached)"),
    /** Camunda's own external task client over the REST API with long polling. */
    CAMUNDA_CLIENT("c", "(c) Camunda client", "bench_c_camunda", "bench.camunda-client",
            "camunda-external-task-client 7.23.0 over /engine-rest, long polling, maxTasks 10 (topic no ProcOS pool serves)");

    final String id;
    final String label;
    final String processKey;
    /** External task topic, or null for the in-process expression task. */
    final String topic;
    final String description;

    BenchSystem(String id, String label, String processKey, String topic, String description) {
        this.id = id;
        this.label = label;
        this.processKey = processKey;
        this.topic = topic;
        this.description = description;
    }

    String warmupKey() {
        return processKey + "_warmup";
    }

    static BenchSystem named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).equals("bp") ? "b'" : name.toLowerCase(Locale.ROOT);
        for (BenchSystem system : values()) {
            if (system.id.equals(wanted)) {
                return system;
            }
        }
        throw new IllegalArgumentException("unknown system '" + name + "': use a, b, b' (or bp), c");
    }
}
