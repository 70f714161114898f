package procos.pde.pool;

import static procos.pde.pool.ConfigSchema.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import procos.pde.v1.PdeType;

/**
 * Checks that the values of a bound configuration make sense, alone and together: sizes, formats,
 * unique ids and pool types, references to declared endpoints, each task type handled by exactly
 * one pool and reachable through some endpoint. Structure and types were checked by
 * {@link ConfigBinder}; a value it already flagged is not judged again (see {@link Problems}).
 */
final class ConfigValidator {

    /** Ids end up in log fields, metric labels and gRPC metadata, so they stay plain. */
    private static final Pattern ID_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Task types become engine topic names; only whitespace is ruled out. */
    private static final Pattern TASK_TYPE_NAME = Pattern.compile("\\S{1,200}");

    /** A host name or address to check a certificate against; gRPC refuses anything else at connect time. */
    private static final Pattern AUTHORITY_FORM = Pattern.compile("[A-Za-z0-9._\\[\\]:-]{1,253}");

    private static final int MAX_NAMES_SHOWN = 20;

    private final PdeManagerConfig config;
    private final Problems problems;
    private final ValueDisplay display;
    private final ConfigPath manager = ConfigPath.root().key(ROOT);

    /** Task type → path of the pool that claims it, for "claimed twice" and "nobody handles it". */
    private final Map<String, Integer> claimedBy = new HashMap<>();
    private final Set<String> declaredEndpoints = new HashSet<>();
    private boolean hasCatchAll;
    private String declaredEndpointsText;
    private String handledTaskTypesText;

    private ConfigValidator(PdeManagerConfig config, Problems problems, ValueDisplay display) {
        this.config = config;
        this.problems = problems;
        this.display = display;
    }

    static void validate(PdeManagerConfig config, Problems problems, ValueDisplay display) {
        new ConfigValidator(config, problems, display).run();
    }

    private void run() {
        checkId(manager.key(NODE_ID), config.nodeId());
        config.endpoints().forEach(e -> declaredEndpoints.add(e.id()));
        checkEndpoints();
        checkPools();
        checkTaskTypes();
        checkRouting();
        checkRouter();
        checkNodes();
    }

    private void checkPools() {
        ConfigPath pools = manager.key(POOLS);
        if (config.pools().isEmpty() && !problems.hasAt(pools)) {
            problems.add(pools, "at least one pool is required");
        }
        Map<PdeType, Integer> typeDeclaredAt = new HashMap<>();
        for (int i = 0; i < config.pools().size(); i++) {
            PoolConfig pool = config.pools().get(i);
            ConfigPath at = pools.index(i);
            atLeastOne(at.key(INSTANCES), pool.instances());
            atLeastOne(at.key(MAX_CONCURRENT_TASKS), pool.maxConcurrentTasks());
            if (pool.instances() >= 1 && pool.maxConcurrentTasks() >= 1
                    && (long) pool.instances() * pool.maxConcurrentTasks() > Integer.MAX_VALUE) {
                problems.add(at.key(MAX_CONCURRENT_TASKS), "instances × max_concurrent_tasks must not exceed "
                        + Integer.MAX_VALUE);
            }
            if (isPoolType(pool.type())) {
                Integer first = typeDeclaredAt.putIfAbsent(pool.type(), i);
                if (first != null) {
                    problems.add(at.key(TYPE), "a " + PdeTypes.yamlName(pool.type()) + " pool is already declared at "
                            + pools.index(first) + "; use one pool per type and size it with instances");
                }
            }
            checkEndpointReferences(at.key(ENDPOINTS), pool.endpoints(), false);
            claimTaskTypes(at, i, pool);
            if (pool.isCatchAll()) {
                hasCatchAll = true;
            } else if (pool.taskTypes().isEmpty() && isPoolType(pool.type())) {
                problems.add(at.key(TASK_TYPES), "must list at least one task type; only a general_purpose pool "
                        + "may leave it empty to handle every other task type");
            }
        }
        for (int i = 0; i < config.pools().size(); i++) {
            checkReachable(pools.index(i), config.pools().get(i));
        }
    }

    private void claimTaskTypes(ConfigPath pool, int poolIndex, PoolConfig config) {
        Set<String> inThisPool = new HashSet<>();
        for (int j = 0; j < config.taskTypes().size(); j++) {
            String taskType = config.taskTypes().get(j);
            ConfigPath at = pool.key(TASK_TYPES).index(j);
            if (taskType.isEmpty()) {
                continue;
            }
            if (!TASK_TYPE_NAME.matcher(taskType).matches()) {
                problems.add(at, "task type " + display.show(at, taskType) + " must not contain spaces");
            } else if (!inThisPool.add(taskType)) {
                problems.add(at, "task type '" + taskType + "' is listed twice");
            } else {
                Integer other = claimedBy.putIfAbsent(taskType, poolIndex);
                if (other != null) {
                    problems.add(at, "task type '" + taskType + "' is already handled by "
                            + describePool(other) + "; a task type belongs to exactly one pool");
                }
            }
        }
    }

    /** Every task type of a pool must have somewhere to go: a routing rule or the pool's endpoints. */
    private void checkReachable(ConfigPath at, PoolConfig pool) {
        if (pool.type() == PdeType.META || !pool.endpoints().isEmpty() || problems.hasAt(at.key(ENDPOINTS))) {
            return;
        }
        if (pool.isCatchAll()) {
            problems.add(at.key(ENDPOINTS), "must list at least one endpoint: a catch-all pool has no routing "
                    + "rules for the task types it picks up");
            return;
        }
        Set<String> unrouted = new TreeSet<>();
        for (String taskType : pool.taskTypes()) {
            if (!taskType.isEmpty() && config.routingRule(taskType).isEmpty()) {
                unrouted.add(taskType);
            }
        }
        if (!unrouted.isEmpty()) {
            problems.add(at.key(ENDPOINTS), "is empty, so task type(s) " + String.join(", ", unrouted)
                    + " have no endpoint; list endpoints here or add routing rules for them");
        }
    }

    private void checkEndpoints() {
        Map<String, Integer> firstAt = new HashMap<>();
        ConfigPath endpoints = manager.key(ENDPOINTS);
        for (int i = 0; i < config.endpoints().size(); i++) {
            EndpointConfig endpoint = config.endpoints().get(i);
            ConfigPath at = endpoints.index(i);
            if (checkId(at.key(ID), endpoint.id())) {
                Integer first = firstAt.putIfAbsent(endpoint.id(), i);
                if (first != null) {
                    problems.add(at.key(ID), "duplicate endpoint id '" + endpoint.id() + "' (first declared at "
                            + endpoints.index(first) + ")");
                }
            }
            if (!problems.hasAt(at.key(KIND))) {
                checkEndpointKindFields(at, endpoint);
            }
            endpoint.timeout().filter(t -> t.isNegative() || t.isZero()).ifPresent(t ->
                    problems.add(at.key(TIMEOUT), "must be longer than zero, got " + t));
        }
    }

    private void checkEndpointKindFields(ConfigPath at, EndpointConfig endpoint) {
        String kind = endpoint.kind().yamlName();
        if (endpoint.kind().needsAddress()) {
            if (endpoint.address().isEmpty()) {
                problems.add(at.key(ADDRESS), "is required for a " + kind + " endpoint (host:port, e.g. localhost:50061)");
            } else {
                checkHostPort(at.key(ADDRESS), endpoint.address().get());
            }
            checkTls(at.key(TLS), endpoint.tls());
        } else {
            if (endpoint.address().isPresent()) {
                problems.add(at.key(ADDRESS), "only remote and pde endpoints take an address; "
                        + "put the options of a " + kind + " endpoint under settings");
            }
            if (endpoint.token().isPresent()) {
                problems.add(at.key(TOKEN), "only remote and pde endpoints take a token; "
                        + "put the credentials of a " + kind + " endpoint under settings");
            }
            if (!endpoint.tls().equals(TlsConfig.PLAINTEXT)) {
                problems.add(at.key(TLS), "only remote and pde endpoints take tls; "
                        + "the transport options of " + kind + " endpoints go under settings");
            }
        }
    }

    private void checkTaskTypes() {
        Map<String, Integer> firstAt = new HashMap<>();
        ConfigPath taskTypes = manager.key(TASK_TYPES);
        for (int i = 0; i < config.taskTypes().size(); i++) {
            TaskTypeConfig taskType = config.taskTypes().get(i);
            ConfigPath at = taskTypes.index(i);
            if (checkTaskTypeName(at.key(NAME), taskType.name())) {
                Integer first = firstAt.putIfAbsent(taskType.name(), i);
                if (first != null) {
                    problems.add(at.key(NAME), "task type '" + taskType.name() + "' is already described at "
                            + taskTypes.index(first));
                }
            }
            noDuplicates(at.key(REQUIRED_INPUTS), taskType.requiredInputs(), "input");
            noDuplicates(at.key(REQUIRED_OUTPUTS), taskType.requiredOutputs(), "output");
        }
    }

    private void checkRouting() {
        Map<String, Integer> firstAt = new HashMap<>();
        ConfigPath routing = manager.key(ROUTING);
        for (int i = 0; i < config.routing().size(); i++) {
            RoutingRule rule = config.routing().get(i);
            ConfigPath at = routing.index(i);
            if (checkTaskTypeName(at.key(TASK_TYPE), rule.taskType())) {
                Integer first = firstAt.putIfAbsent(rule.taskType(), i);
                if (first != null) {
                    problems.add(at.key(TASK_TYPE), "a routing rule for '" + rule.taskType() + "' already exists at "
                            + routing.index(first) + "; list all its endpoints in one rule");
                }
            }
            if (rule.endpoints().isEmpty() && !problems.hasAt(at.key(ENDPOINTS))) {
                problems.add(at.key(ENDPOINTS), "must name at least one endpoint");
            }
            checkEndpointReferences(at.key(ENDPOINTS), rule.endpoints(), true);
        }
    }

    private void checkRouter() {
        RouterConfig router = config.router();
        ConfigPath at = manager.key(ROUTER);
        positive(at.key(HEALTH_INTERVAL), router.healthInterval());
        positive(at.key(SAVE_INTERVAL), router.saveInterval());
        positive(at.key(HALF_LIFE), router.halfLife());
        if (router.latencyWeight() < 0) {
            problems.add(at.key(LATENCY_WEIGHT), "must be ≥ 0, got " + router.latencyWeight());
        }
        ConfigPath circuit = at.key(CIRCUIT);
        atLeastOne(circuit.key(CONSECUTIVE_FAILURES), router.circuit().consecutiveFailures());
        atLeastOne(circuit.key(WINDOW), router.circuit().window());
        double rate = router.circuit().failureRate();
        if (rate <= 0 || rate > 1) {
            problems.add(circuit.key(FAILURE_RATE), "must be more than 0 and at most 1, got " + rate);
        }
        positive(circuit.key(COOL_DOWN), router.circuit().coolDown());
    }

    private void checkNodes() {
        Map<String, Integer> firstAt = new HashMap<>();
        ConfigPath nodes = manager.key(NODES);
        for (int i = 0; i < config.nodes().size(); i++) {
            NodeConfig node = config.nodes().get(i);
            ConfigPath at = nodes.index(i);
            if (checkId(at.key(ID), node.id())) {
                Integer first = firstAt.putIfAbsent(node.id(), i);
                if (first != null) {
                    problems.add(at.key(ID), "duplicate node id '" + node.id() + "' (first declared at "
                            + nodes.index(first) + ")");
                } else if (node.id().equals(config.nodeId())) {
                    problems.add(at.key(ID), "is this server's own node_id; list only other PDE nodes");
                }
            }
            checkHostPort(at.key(ADDRESS), node.address());
            checkTls(at.key(TLS), node.tls());
            if (node.pdeTypes().isEmpty() && !problems.hasAt(at.key(PDE_TYPES))) {
                problems.add(at.key(PDE_TYPES), "must list at least one PDE type ("
                        + String.join(", ", PdeTypes.yamlNames()) + ")");
            }
            Set<PdeType> seen = new HashSet<>();
            for (int j = 0; j < node.pdeTypes().size(); j++) {
                PdeType type = node.pdeTypes().get(j);
                if (isPoolType(type) && !seen.add(type)) {
                    problems.add(at.key(PDE_TYPES).index(j), "PDE type " + PdeTypes.yamlName(type) + " is listed twice");
                }
            }
        }
    }

    // ---- shared checks ------------------------------------------------------------------------

    private void checkEndpointReferences(ConfigPath list, List<String> ids, boolean orderMatters) {
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < ids.size(); j++) {
            String id = ids.get(j);
            ConfigPath at = list.index(j);
            if (id.isEmpty()) {
                continue;
            }
            if (!declaredEndpoints.contains(id)) {
                problems.add(at, "unknown endpoint '" + id + "' (" + (declaredEndpoints.isEmpty()
                        ? "no endpoints are declared"
                        : "declared: " + declaredEndpointsText()) + ")");
            } else if (!seen.add(id)) {
                problems.add(at, "endpoint '" + id + "' is listed twice" + (orderMatters ? "; each endpoint is tried once" : ""));
            }
        }
    }

    /** Task types named outside the pools (descriptions, routing) must be handled by one. */
    private boolean checkTaskTypeName(ConfigPath at, String name) {
        if (name.isEmpty()) {
            return false;
        }
        if (!TASK_TYPE_NAME.matcher(name).matches()) {
            problems.add(at, "task type " + display.show(at, name) + " must not contain spaces");
            return false;
        }
        if (!hasCatchAll && !claimedBy.containsKey(name)) {
            problems.add(at, "no pool handles task type '" + name + "' (pools handle: "
                    + (claimedBy.isEmpty() ? "nothing" : handledTaskTypesText())
                    + "); add it to a pool's task_types, or declare a general_purpose pool without task_types"
                    + " as catch-all");
        }
        return true;
    }

    private boolean checkId(ConfigPath at, String id) {
        if (id.isEmpty()) {
            return false;
        }
        if (!ID_FORM.matcher(id).matches()) {
            problems.add(at, display.show(at, id) + " is not a valid id: use letters, digits, '.', '_' and '-',"
                    + " starting with a letter or digit, at most 128 characters");
            return false;
        }
        return true;
    }

    private void checkHostPort(ConfigPath at, String address) {
        if (!address.isEmpty() && HostPort.parse(address).isEmpty()) {
            problems.add(at, display.show(at, address) + " is not host:port (e.g. localhost:50061 or [::1]:50061,"
                    + " port 1-65535, no scheme or path)");
        }
    }

    /**
     * A {@code tls} mapping: every file named exists and can be read now (not at the first task),
     * the client certificate comes with its key, and nothing is set that plaintext would ignore.
     */
    private void checkTls(ConfigPath at, TlsConfig tls) {
        if (problems.hasAt(at.key(ENABLED))) {
            return; // whether TLS is on is unknown, so nothing else can be judged
        }
        Map<String, Optional<?>> options = new LinkedHashMap<>();
        options.put(TRUST_CERT_CHAIN, tls.trustCertChain());
        options.put(AUTHORITY, tls.authority());
        options.put(CERT_CHAIN, tls.certChain());
        options.put(PRIVATE_KEY, tls.privateKey());
        if (!tls.enabled()) {
            options.forEach((key, value) -> {
                if (value.isPresent()) {
                    problems.add(at.key(key), "only applies with TLS: set " + ENABLED + ": true, or remove it");
                }
            });
            return;
        }
        tls.trustCertChain().ifPresent(file -> readableFile(at.key(TRUST_CERT_CHAIN), file));
        tls.certChain().ifPresent(file -> readableFile(at.key(CERT_CHAIN), file));
        tls.privateKey().ifPresent(file -> readableFile(at.key(PRIVATE_KEY), file));
        if (tls.certChain().isPresent() != tls.privateKey().isPresent()) {
            String missing = tls.certChain().isPresent() ? PRIVATE_KEY : CERT_CHAIN;
            String given = tls.certChain().isPresent() ? CERT_CHAIN : PRIVATE_KEY;
            problems.add(at.key(missing), "is required with " + given + ": a client certificate needs both");
        }
        tls.authority().filter(authority -> !AUTHORITY_FORM.matcher(authority).matches()).ifPresent(authority ->
                problems.add(at.key(AUTHORITY), display.show(at.key(AUTHORITY), authority)
                        + " is not a host name (e.g. node-b.internal), which the certificate is checked against"));
    }

    private void readableFile(ConfigPath at, Path file) {
        String shown = display.show(at, file.toString());
        if (!Files.exists(file)) {
            problems.add(at, "file " + shown + " does not exist");
        } else if (!Files.isRegularFile(file)) {
            problems.add(at, shown + " is not a file");
        } else if (!Files.isReadable(file)) {
            problems.add(at, "file " + shown + " cannot be read (check its permissions)");
        }
    }

    private void positive(ConfigPath at, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            problems.add(at, "must be longer than zero, got " + duration);
        }
    }

    private void atLeastOne(ConfigPath at, int value) {
        if (value < 1) {
            problems.add(at, "must be ≥ 1, got " + value);
        }
    }

    private void noDuplicates(ConfigPath list, List<String> values, String what) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int j = 0; j < values.size(); j++) {
            if (!values.get(j).isEmpty() && seen.putIfAbsent(values.get(j), j) != null) {
                problems.add(list.index(j), what + " '" + values.get(j) + "' is listed twice");
            }
        }
    }

    /** Built once: the set is complete before the first reference is checked. */
    private String declaredEndpointsText() {
        if (declaredEndpointsText == null) {
            declaredEndpointsText = someOf(declaredEndpoints);
        }
        return declaredEndpointsText;
    }

    /** Built once: pools are checked, and their task types claimed, before anything names one. */
    private String handledTaskTypesText() {
        if (handledTaskTypesText == null) {
            handledTaskTypesText = someOf(claimedBy.keySet());
        }
        return handledTaskTypesText;
    }

    /**
     * Up to {@value #MAX_NAMES_SHOWN} names, sorted, for a message; a file with thousands of ids
     * must not turn every problem about it into thousands of words.
     */
    private static String someOf(Set<String> names) {
        List<String> sorted = names.stream().filter(n -> !n.isEmpty()).sorted().toList();
        if (sorted.size() <= MAX_NAMES_SHOWN) {
            return String.join(", ", sorted);
        }
        return String.join(", ", sorted.subList(0, MAX_NAMES_SHOWN)) + ", … (" + sorted.size() + " in all)";
    }

    private String describePool(int index) {
        PdeType type = config.pools().get(index).type();
        return manager.key(POOLS).index(index) + (isPoolType(type) ? " (" + PdeTypes.yamlName(type) + ")" : "");
    }

    private static boolean isPoolType(PdeType type) {
        return type != PdeType.PDE_TYPE_UNSPECIFIED && type != PdeType.UNRECOGNIZED;
    }
}
