package procos.pde.pool;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of the PDE manager YAML, in one place: which keys each mapping allows (anything else is
 * an error, because a misspelt key silently ignored is a setting silently not applied) and their
 * canonical order, which is also the order problems are reported in.
 */
final class ConfigSchema {

    static final String ROOT = "pde_manager";

    static final String NODE_ID = "node_id";
    static final String POOLS = "pools";
    static final String ENDPOINTS = "endpoints";
    static final String TASK_TYPES = "task_types";
    static final String ROUTING = "routing";
    static final String NODES = "nodes";
    static final String ROUTER = "router";

    static final String ID = "id";
    static final String NAME = "name";
    static final String TYPE = "type";
    static final String TASK_TYPE = "task_type";
    static final String KIND = "kind";
    static final String INSTANCES = "instances";
    static final String MAX_CONCURRENT_TASKS = "max_concurrent_tasks";
    static final String ADDRESS = "address";
    static final String TOKEN = "token";
    static final String TIMEOUT = "timeout";
    static final String SETTINGS = "settings";
    static final String REQUIRED_INPUTS = "required_inputs";
    static final String REQUIRED_OUTPUTS = "required_outputs";
    static final String DETERMINISTIC = "deterministic";
    static final String IDEMPOTENT = "idempotent";
    static final String PDE_TYPES = "pde_types";
    static final String POLICY = "policy";
    static final String HEALTH_INTERVAL = "health_interval";
    static final String STATE_FILE = "state_file";
    static final String SAVE_INTERVAL = "save_interval";
    static final String HALF_LIFE = "half_life";
    static final String LATENCY_WEIGHT = "latency_weight";
    static final String CIRCUIT = "circuit";
    static final String CONSECUTIVE_FAILURES = "consecutive_failures";
    static final String FAILURE_RATE = "failure_rate";
    static final String WINDOW = "window";
    static final String COOL_DOWN = "cool_down";
    static final String TLS = "tls";
    static final String ENABLED = "enabled";
    static final String TRUST_CERT_CHAIN = "trust_cert_chain";
    static final String AUTHORITY = "authority";
    static final String CERT_CHAIN = "cert_chain";
    static final String PRIVATE_KEY = "private_key";

    static final List<String> DOCUMENT_KEYS = List.of(ROOT);
    static final List<String> MANAGER_KEYS = List.of(NODE_ID, POOLS, ENDPOINTS, TASK_TYPES, ROUTING, ROUTER, NODES);
    static final List<String> POOL_KEYS = List.of(TYPE, INSTANCES, MAX_CONCURRENT_TASKS, ENDPOINTS, TASK_TYPES);
    static final List<String> ENDPOINT_KEYS = List.of(ID, KIND, ADDRESS, TOKEN, TLS, TIMEOUT, SETTINGS);
    static final List<String> TASK_TYPE_KEYS =
            List.of(NAME, REQUIRED_INPUTS, REQUIRED_OUTPUTS, DETERMINISTIC, IDEMPOTENT);
    static final List<String> ROUTING_KEYS = List.of(TASK_TYPE, ENDPOINTS);
    static final List<String> NODE_KEYS = List.of(ID, ADDRESS, TOKEN, TLS, PDE_TYPES);
    static final List<String> ROUTER_KEYS =
            List.of(POLICY, HEALTH_INTERVAL, STATE_FILE, SAVE_INTERVAL, HALF_LIFE, LATENCY_WEIGHT, CIRCUIT);
    static final List<String> CIRCUIT_KEYS = List.of(CONSECUTIVE_FAILURES, FAILURE_RATE, WINDOW, COOL_DOWN);
    static final List<String> TLS_KEYS = List.of(ENABLED, TRUST_CERT_CHAIN, AUTHORITY, CERT_CHAIN, PRIVATE_KEY);

    /**
     * One global order that agrees with every list above, so a single rank sorts paths of any
     * mapping: identifying keys first, then sizes, then references.
     */
    private static final List<String> ORDER = List.of(
            ROOT, NODE_ID, ID, NAME, TYPE, TASK_TYPE, KIND, INSTANCES, MAX_CONCURRENT_TASKS, ADDRESS,
            TOKEN, TLS, ENABLED, TRUST_CERT_CHAIN, AUTHORITY, CERT_CHAIN, PRIVATE_KEY, TIMEOUT, SETTINGS,
            POOLS, ENDPOINTS, TASK_TYPES, REQUIRED_INPUTS, REQUIRED_OUTPUTS, DETERMINISTIC, IDEMPOTENT,
            ROUTING, ROUTER, POLICY, HEALTH_INTERVAL, STATE_FILE, SAVE_INTERVAL, HALF_LIFE, LATENCY_WEIGHT,
            CIRCUIT, CONSECUTIVE_FAILURES, FAILURE_RATE, WINDOW, COOL_DOWN, NODES,
            PDE_TYPES);

    private static final Map<String, Integer> RANK = new HashMap<>();

    static {
        for (int i = 0; i < ORDER.size(); i++) {
            RANK.put(ORDER.get(i), i);
        }
    }

    private ConfigSchema() {
    }

    /** Position of {@code key} in the canonical order; unknown keys come after all known ones. */
    static int rank(String key) {
        return RANK.getOrDefault(key, ORDER.size());
    }
}
