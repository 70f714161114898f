package procos.pde.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointFactory;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.grpc.PdeDescriber;
import procos.pde.grpc.PdeGrpcServer;
import procos.pde.pipeline.Pipeline;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.pool.ConfiguredTaskRules;
import procos.pde.pool.InvalidPoolConfigException;
import procos.pde.pool.NodeConfig;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdeManagerConfigLoader;
import procos.pde.pool.PdeTypes;
import procos.pde.pool.PoolConfigProblem;
import procos.pde.routing.Router;
import procos.pde.v1.PdeType;

/**
 * A standalone PDE node: the PDE pipeline over the endpoints of a PDE manager configuration, served
 * over gRPC so that a ProcOS server can scale out by sending whole tasks here. This class owns the
 * node's lifecycle (build, {@link #start()}, {@link #stop(Duration)}, {@link #blockUntilShutdown()});
 * the command line is {@link NodeCommand}'s job, and {@link #main} only hands over to it, so tests
 * run the same node in-process on port 0.
 *
 * <p>The node is the configuration's {@code node_id}, of the first pool's type. It never touches
 * the engine: nothing here loads {@code procos.pde.dispatch} (the node jar does not even contain it).
 */
public final class PdeNode {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("node");

    private final PdeNodeOptions options;
    private final String nodeId;
    private final PdeType type;
    private final EndpointRegistry endpoints;
    private final Router router;
    private final PdeGrpcServer server;
    private volatile int boundPort = -1;

    private PdeNode(PdeNodeOptions options, String nodeId, PdeType type, EndpointRegistry endpoints, Router router,
                    PdeGrpcServer server) {
        this.options = options;
        this.nodeId = nodeId;
        this.type = type;
        this.endpoints = endpoints;
        this.router = router;
        this.server = server;
    }

    /** {@code java -jar procos-pde-grpc-<version>-node.jar --help} explains the arguments. */
    public static void main(String[] args) {
        int status = NodeCommand.run(List.of(args), System::getenv, System.out, System.err);
        if (status != NodeCommand.EXIT_OK) {
            System.exit(status);
        }
    }

    /**
     * Loads the configuration, builds its endpoints and the pipeline, and prepares (but does not
     * start) the gRPC server.
     *
     * @param env environment for {@code ${VAR}} substitution in the YAML ({@code System::getenv})
     * @throws InvalidPoolConfigException listing every problem of the configuration, including
     *                                    endpoints this version cannot build
     */
    public static PdeNode create(PdeNodeOptions options, Function<String, String> env)
            throws InvalidPoolConfigException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(env, "env");
        String source = options.config().map(Path::toString).orElse("classpath:" + PdeManagerConfigLoader.DEFAULT_RESOURCE);
        PdeManagerConfig config = options.config().isPresent()
                ? PdeManagerConfigLoader.load(options.config().get(), env)
                : PdeManagerConfigLoader.loadDefault(env);
        EndpointRegistry endpoints = endpointsOf(config, source);
        Router router = Router.create(config.router(), endpoints);
        Pipeline pipeline = router.configure(new PipelineBuilder(endpoints))
                .pdeId(config.nodeId())
                .rules(new ConfiguredTaskRules(config))
                .build();
        String nodeId = config.nodeId();
        PdeType type = config.pools().get(0).type(); // the loader guarantees at least one pool
        PdeGrpcServer server = PdeGrpcServer.onPort(options.port(), pipeline,
                () -> PdeDescriber.describe(nodeId, type, endpoints, router.snapshot()), options.serverOptions());
        if (!config.nodes().isEmpty()) {
            LOG.warn("pde_node_ignores_nodes").pdeId(nodeId)
                    .with("nodes", config.nodes().stream().map(NodeConfig::id).toList())
                    .with("reason", "a node runs tasks itself; only a server dispatches to other nodes").log();
        }
        return new PdeNode(options, nodeId, type, endpoints, router, server);
    }

    /**
     * Starts listening; from now on health reports SERVING.
     *
     * @throws IOException if the port cannot be bound
     */
    public PdeNode start() throws IOException {
        long started = System.nanoTime();
        server.start();
        router.start();
        boundPort = server.port();
        LOG.info("pde_node_started").pdeId(nodeId)
                .with("port", boundPort)
                .with("pde_type", PdeTypes.yamlName(type))
                .with("version", PdeDescriber.softwareVersion())
                .with("auth", options.token().isPresent() ? "bearer" : "none (dev)")
                .with("tls", options.tls().map(tls -> tls.clientCa().isPresent() ? "mutual" : "on").orElse("off"))
                .with("endpoints", endpoints.all().stream().map(Endpoint::id).toList())
                .with("task_types", endpoints.taskTypes())
                .durationSince(started)
                .log();
        return this;
    }

    /**
     * Reports NOT_SERVING, stops taking calls and gives running ones {@code grace} to finish before
     * cancelling them, then saves what the router learned. Safe to call more than once and from a shutdown hook; an interrupt cuts the
     * grace short and is kept on the thread.
     */
    public void stop(Duration grace) {
        LOG.info("pde_node_stopping").pdeId(nodeId).with("grace_ms", grace.toMillis()).log();
        server.stopQuietly(grace);
        router.close();
    }

    /** Blocks until the server has terminated, i.e. until {@link #stop} has run (typically from a shutdown hook). */
    public void blockUntilShutdown() throws InterruptedException {
        server.blockUntilShutdown();
    }

    /**
     * The port listened on once started (the actual one when started with port 0, still known after
     * {@link #stop}); the configured port before.
     */
    public int port() {
        int port = boundPort;
        return port >= 0 ? port : options.port();
    }

    public String nodeId() {
        return nodeId;
    }

    public PdeType type() {
        return type;
    }

    public PdeNodeOptions options() {
        return options;
    }

    /**
     * Every configured endpoint, built now so that one this version cannot build fails the start by
     * name, reported like any other configuration problem.
     */
    private static EndpointRegistry endpointsOf(PdeManagerConfig config, String source)
            throws InvalidPoolConfigException {
        try {
            return EndpointFactory.registryFor(config);
        } catch (IllegalArgumentException e) {
            throw new InvalidPoolConfigException(source, List.of(new PoolConfigProblem("pde_manager.endpoints", e.getMessage())));
        }
    }
}
