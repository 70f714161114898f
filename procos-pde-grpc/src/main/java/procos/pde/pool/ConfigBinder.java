package procos.pde.pool;

import static procos.pde.pool.ConfigSchema.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import procos.pde.v1.PdeType;

/**
 * Binds the (already substituted) YAML tree to the configuration records: the shape of the file,
 * its keys and the types of its values. Whether the values make sense together is
 * {@link ConfigValidator}'s job. Always returns a configuration; where a value was unusable it
 * holds a placeholder and {@code problems} says why, so validation can still check the rest.
 *
 * <p>Placeholders for the pool type are the contract's own "no value" constants:
 * {@link PdeType#PDE_TYPE_UNSPECIFIED} when missing, {@link PdeType#UNRECOGNIZED} when misspelt.
 */
final class ConfigBinder {

    private final Problems problems;
    private final ValueDisplay display;

    private ConfigBinder(Problems problems, ValueDisplay display) {
        this.problems = problems;
        this.display = display;
    }

    static PdeManagerConfig bind(JsonNode document, Problems problems, ValueDisplay display) {
        return new ConfigBinder(problems, display).document(document);
    }

    private PdeManagerConfig document(JsonNode document) {
        MappingReader root = MappingReader.of(document, ConfigPath.root(), DOCUMENT_KEYS, problems, display);
        JsonNode manager = root.raw(ROOT);
        if (document.isObject() && manager == null) {
            problems.add(root.at(ROOT), "is required: the whole configuration goes under " + ROOT + ":");
        }
        MappingReader m = MappingReader.of(manager, root.at(ROOT), MANAGER_KEYS, problems, display);
        return new PdeManagerConfig(
                m.requiredText(NODE_ID),
                m.list(POOLS, this::pool),
                m.list(ENDPOINTS, this::endpoint),
                m.list(TASK_TYPES, this::taskType),
                m.list(ROUTING, this::routingRule),
                m.list(NODES, this::node),
                router(m.raw(ROUTER), m.at(ROUTER)));
    }

    private RouterConfig router(JsonNode node, ConfigPath path) {
        if (node == null) {
            return RouterConfig.DEFAULT;
        }
        RouterConfig defaults = RouterConfig.DEFAULT;
        MappingReader r = MappingReader.of(node, path, ROUTER_KEYS, problems, display);
        return new RouterConfig(
                policy(r),
                r.duration(HEALTH_INTERVAL).orElse(defaults.healthInterval()),
                r.optionalText(STATE_FILE).map(Path::of),
                r.duration(SAVE_INTERVAL).orElse(defaults.saveInterval()),
                r.duration(HALF_LIFE).orElse(defaults.halfLife()),
                r.number(LATENCY_WEIGHT, defaults.latencyWeight()),
                circuit(r.raw(CIRCUIT), r.at(CIRCUIT)));
    }

    private RouterConfig.Policy policy(MappingReader r) {
        Optional<String> text = r.optionalText(POLICY);
        if (text.isEmpty()) {
            return RouterConfig.DEFAULT.policy();
        }
        for (RouterConfig.Policy policy : RouterConfig.Policy.values()) {
            if (policy.yamlName().equals(text.get())) {
                return policy;
            }
        }
        problems.add(r.at(POLICY), "unknown routing policy " + display.show(r.at(POLICY), text.get())
                + " (expected learned or static)");
        return RouterConfig.DEFAULT.policy();
    }

    private RouterConfig.CircuitConfig circuit(JsonNode node, ConfigPath path) {
        RouterConfig.CircuitConfig defaults = RouterConfig.CircuitConfig.DEFAULT;
        if (node == null) {
            return defaults;
        }
        MappingReader r = MappingReader.of(node, path, CIRCUIT_KEYS, problems, display);
        return new RouterConfig.CircuitConfig(
                r.optionalInt(CONSECUTIVE_FAILURES, defaults.consecutiveFailures()),
                r.number(FAILURE_RATE, defaults.failureRate()),
                r.optionalInt(WINDOW, defaults.window()),
                r.duration(COOL_DOWN).orElse(defaults.coolDown()));
    }

    private PoolConfig pool(JsonNode node, ConfigPath path) {
        MappingReader r = MappingReader.of(node, path, POOL_KEYS, problems, display);
        return new PoolConfig(
                pdeType(r.requiredText(TYPE), r.at(TYPE)),
                r.requiredInt(INSTANCES),
                r.requiredInt(MAX_CONCURRENT_TASKS),
                r.textList(ENDPOINTS),
                r.textList(TASK_TYPES));
    }

    private EndpointConfig endpoint(JsonNode node, ConfigPath path) {
        MappingReader r = MappingReader.of(node, path, ENDPOINT_KEYS, problems, display);
        String id = r.requiredText(ID);
        String kindText = r.requiredText(KIND);
        Optional<EndpointKind> kind = EndpointKind.fromYaml(kindText);
        if (kind.isEmpty()) {
            problems.add(r.at(KIND), "unknown endpoint kind " + display.show(r.at(KIND), kindText)
                    + " (expected one of " + String.join(", ", EndpointKind.yamlNames()) + ")");
        }
        return new EndpointConfig(
                id,
                kind.orElse(EndpointKind.BUILTIN),
                r.optionalText(ADDRESS),
                r.optionalText(TOKEN),
                tls(r.raw(TLS), r.at(TLS)),
                r.duration(TIMEOUT),
                r.scalarMap(SETTINGS));
    }

    private TaskTypeConfig taskType(JsonNode node, ConfigPath path) {
        MappingReader r = MappingReader.of(node, path, TASK_TYPE_KEYS, problems, display);
        return new TaskTypeConfig(
                r.requiredText(NAME),
                r.textList(REQUIRED_INPUTS),
                r.textList(REQUIRED_OUTPUTS),
                r.bool(DETERMINISTIC, false),
                r.bool(IDEMPOTENT, false));
    }

    private RoutingRule routingRule(JsonNode node, ConfigPath path) {
        MappingReader r = MappingReader.of(node, path, ROUTING_KEYS, problems, display);
        return new RoutingRule(r.requiredText(TASK_TYPE), r.textList(ENDPOINTS));
    }

    private NodeConfig node(JsonNode node, ConfigPath path) {
        MappingReader r = MappingReader.of(node, path, NODE_KEYS, problems, display);
        String id = r.requiredText(ID);
        String address = r.requiredText(ADDRESS);
        Optional<String> token = r.optionalText(TOKEN);
        List<String> typeNames = r.textList(PDE_TYPES);
        List<PdeType> types = new ArrayList<>();
        for (int i = 0; i < typeNames.size(); i++) {
            types.add(pdeType(typeNames.get(i), r.at(PDE_TYPES).index(i)));
        }
        return new NodeConfig(id, address, token, tls(r.raw(TLS), r.at(TLS)), types);
    }

    private TlsConfig tls(JsonNode node, ConfigPath path) {
        if (node == null) {
            return TlsConfig.PLAINTEXT;
        }
        MappingReader r = MappingReader.of(node, path, TLS_KEYS, problems, display);
        return new TlsConfig(
                r.bool(ENABLED, false),
                r.optionalText(TRUST_CERT_CHAIN).map(Path::of),
                r.optionalText(AUTHORITY),
                r.optionalText(CERT_CHAIN).map(Path::of),
                r.optionalText(PRIVATE_KEY).map(Path::of));
    }

    private PdeType pdeType(String text, ConfigPath path) {
        if (text.isEmpty()) {
            return PdeType.PDE_TYPE_UNSPECIFIED;
        }
        return PdeTypes.fromYaml(text).orElseGet(() -> {
            problems.add(path, "unknown PDE type " + display.show(path, text)
                    + " (expected one of " + String.join(", ", PdeTypes.yamlNames()) + ")");
            return PdeType.UNRECOGNIZED;
        });
    }
}
