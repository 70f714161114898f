package procos.pde.pool;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import procos.logging.StructuredLogger;

/**
 * Reads and checks the PDE manager configuration (schema: {@link PdeManagerConfig}). Nothing
 * half-valid gets through: either every rule holds, or one {@link InvalidPoolConfigException} lists
 * every problem with its YAML path, so the operator fixes the file in one round.
 *
 * <p>Steps, each able to add problems: read at most {@value #MAX_BYTES} bytes (1 MiB); parse the
 * YAML safely ({@code YamlTreeReader}: no anchors or aliases, limited depth, no duplicate keys);
 * substitute {@code ${VAR}} and {@code ${VAR:default}} in string values from {@code env}
 * ({@code EnvSubstitutor}; pass {@code System::getenv} in production, a map's {@code get} in tests);
 * bind to records ({@code ConfigBinder}: unknown keys, types, ISO-8601 durations); check values and
 * cross-references ({@code ConfigValidator}). Problems are sorted by path, so the same file always
 * gives the same list. Values of secrets never appear in problems or logs.
 *
 * <p>When the operator provides no file, {@link #loadDefault} supplies a single general_purpose
 * pool with the builtin {@code noop} endpoint, enough to run the built-in processes.
 */
public final class PdeManagerConfigLoader {

    /** The largest file accepted: 1 MiB, far above any real configuration, far below harm. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** Classpath location of the built-in default configuration. */
    public static final String DEFAULT_RESOURCE = "procos/pde/pde-manager.default.yaml";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pool");

    private PdeManagerConfigLoader() {
    }

    /**
     * Loads the configuration file at {@code file}; a missing or unreadable file is a problem too.
     *
     * @throws InvalidPoolConfigException listing every problem found
     */
    public static PdeManagerConfig load(Path file, Function<String, String> env) throws InvalidPoolConfigException {
        Objects.requireNonNull(env, "env");
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw refuse(source, tooLarge(size));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return load(in, source, env);
            }
        } catch (IOException e) {
            throw refuse(source, "cannot be read: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Loads from {@code in}, labelled {@code <stream>} in problems; the caller closes the stream. */
    public static PdeManagerConfig load(InputStream in, Function<String, String> env) throws InvalidPoolConfigException {
        return load(in, "<stream>", env);
    }

    /**
     * Loads from {@code in}, naming it {@code source} in problems and logs; reads at most
     * {@value #MAX_BYTES} bytes plus one, and leaves closing the stream to the caller.
     */
    public static PdeManagerConfig load(InputStream in, String source, Function<String, String> env)
            throws InvalidPoolConfigException {
        Objects.requireNonNull(env, "env");
        byte[] yaml;
        try {
            yaml = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw refuse(source, "cannot be read: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (yaml.length > MAX_BYTES) {
            throw refuse(source, "is larger than " + MAX_BYTES + " bytes (1 MiB), the most a PDE manager file may be");
        }
        return parse(yaml, source, env);
    }

    /**
     * The built-in default configuration, for when the operator provides none.
     *
     * @throws InvalidPoolConfigException only if {@code env} makes the default invalid (e.g. a
     *                                    {@code HOSTNAME} that is not a usable node id)
     */
    public static PdeManagerConfig loadDefault(Function<String, String> env) throws InvalidPoolConfigException {
        String source = "classpath:" + DEFAULT_RESOURCE;
        try (InputStream in = PdeManagerConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(source + " is missing from the procos-pde-grpc jar");
            }
            return load(in, source, env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private static PdeManagerConfig parse(byte[] yaml, String source, Function<String, String> env)
            throws InvalidPoolConfigException {
        Problems problems = new Problems();
        Optional<JsonNode> tree = YamlTreeReader.read(yaml, problems);
        if (tree.isEmpty()) {
            throw invalid(source, problems);
        }
        EnvSubstitutor.Result substituted = EnvSubstitutor.substitute(tree.get(), env, problems);
        ValueDisplay display = new ValueDisplay(substituted.secretValues());
        PdeManagerConfig config = ConfigBinder.bind(substituted.tree(), problems, display);
        ConfigValidator.validate(config, problems, display);
        if (!problems.isEmpty()) {
            throw invalid(source, problems);
        }
        logLoaded(source, config);
        return config;
    }

    private static String tooLarge(long size) {
        return "is " + size + " bytes; a PDE manager file may be at most " + MAX_BYTES + " bytes (1 MiB)";
    }

    private static InvalidPoolConfigException refuse(String source, String message) {
        Problems problems = new Problems();
        problems.add(ConfigPath.root(), message);
        return invalid(source, problems);
    }

    private static InvalidPoolConfigException invalid(String source, Problems problems) {
        List<PoolConfigProblem> sorted = problems.sorted();
        LOG.warn("pde_manager_config_invalid")
                .with("source", source)
                .with("problem_count", sorted.size())
                .with("problems", sorted.stream()
                        .map(PdeManagerConfigLoader::asLogField)
                        .toList())
                .log();
        return new InvalidPoolConfigException(source, sorted);
    }

    /** A problem as a log field; path and message kept apart so the redactor never mistakes a
     *  path ending in {@code token} for a {@code token: value} pair. */
    private static Map<String, String> asLogField(PoolConfigProblem problem) {
        Map<String, String> field = new LinkedHashMap<>();
        field.put("path", problem.path());
        field.put("problem", problem.message());
        return field;
    }

    private static void logLoaded(String source, PdeManagerConfig config) {
        Map<String, Integer> capacity = new LinkedHashMap<>();
        config.pools().forEach(pool -> capacity.put(PdeTypes.yamlName(pool.type()), pool.capacity()));
        LOG.info("pde_manager_config_loaded")
                .with("source", source)
                .with("node_id", config.nodeId())
                .with("pool_capacity", capacity)
                .with("endpoints", config.endpoints().size())
                .with("task_types", config.taskTypes().size())
                .with("routing_rules", config.routing().size())
                .with("nodes", config.nodes().size())
                .log();
    }
}
