package procos.kernel.pde;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import procos.kernel.config.GrpcSettings;
import procos.kernel.config.KernelSettings;
import procos.logging.StructuredLogger;
import procos.pde.dispatch.DispatchLanes;
import procos.pde.dispatch.ExternalTaskDispatcher;
import procos.pde.dispatch.LaneLoad;
import procos.pde.dispatch.PoolExecutors;
import procos.pde.dispatch.WorkSignal;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.grpc.PdeDescriber;
import procos.pde.grpc.PdeGrpcServer;
import procos.pde.grpc.PdeServerOptions;
import procos.pde.endpoint.EndpointFactory;
import procos.pde.pipeline.HealthProbe;
import procos.pde.pipeline.Pipeline;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.pipeline.TaskListener;
import procos.pde.pool.ConfiguredTaskRules;
import procos.pde.pool.InvalidPoolConfigException;
import procos.pde.pool.PdeAllocator;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdeManagerConfigLoader;
import procos.pde.pool.RouterConfig;
import procos.pde.routing.Router;
import procos.pde.routing.RoutingSnapshot;
import procos.pde.v1.PdeType;

/**
 * The PDEs of this server: the endpoints, the pipeline that runs each task, and the dispatcher that
 * feeds it the engine's external tasks. Started by the kernel after the BPMN set is deployed and
 * stopped before the engine, so no task is taken that could not be reported.
 */
public final class PdeRuntime {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde");
    static final Path DEFAULT_SCORE_FILE = Path.of("data", "routing-scores.json");

    private final EndpointRegistry endpoints;
    private final Router router;
    private final Pipeline pipeline;
    private final ExternalTaskDispatcher dispatcher;
    private final PdeGrpcServer grpcServer;
    private final PoolExecutors executors;

    private PdeRuntime(EndpointRegistry endpoints, Router router, Pipeline pipeline, ExternalTaskDispatcher dispatcher,
                       PdeGrpcServer grpcServer, PoolExecutors executors) {
        this.endpoints = endpoints;
        this.router = router;
        this.pipeline = pipeline;
        this.dispatcher = dispatcher;
        this.grpcServer = grpcServer;
        this.executors = executors;
    }

    /**
     * @throws InvalidPoolConfigException listing every problem of the PDE manager configuration
     */
    public static PdeRuntime start(KernelSettings settings, ProcessEngine engine, WorkSignal signal, TaskListener listener)
            throws InvalidPoolConfigException, IOException {
        PdeManagerConfig config = settings.pdeConfig().isPresent()
                ? PdeManagerConfigLoader.load(settings.pdeConfig().get(), System::getenv)
                : PdeManagerConfigLoader.loadDefault(System::getenv);
        EndpointRegistry endpoints = EndpointFactory.registryFor(config);
        Router router = Router.create(withDefaultScoreFile(config.router()), endpoints);
        Pipeline pipeline = router.configure(new PipelineBuilder(endpoints))
                .pdeId(settings.dispatch().workerId())
                .rules(new ConfiguredTaskRules(config))
                .defaultTimeout(settings.dispatch().taskTimeout())
                .listener(listener)
                .build();
        // A pool whose type is listed under a remote node's pde_types sends its tasks to that node over gRPC.
        PoolExecutors executors = DispatchLanes.executorFor(config, pipeline);
        ExternalTaskDispatcher dispatcher = new ExternalTaskDispatcher(engine.getExternalTaskService(), settings.dispatch(),
                DispatchLanes.from(PdeAllocator.from(config), endpoints, executors), signal);
        PdeType type = config.pools().get(0).type();
        PdeGrpcServer grpcServer = PdeGrpcServer.onPort(settings.grpc().port(), pipeline,
                () -> PdeDescriber.describe(settings.dispatch().workerId(), type, endpoints, router.snapshot()),
                serverOptions(settings.grpc()));
        try {
            grpcServer.start();
        } catch (IOException e) {
            throw new IOException("PDE gRPC server could not listen on port " + settings.grpc().port() + ": " + e.getMessage(), e);
        }
        router.start();
        dispatcher.start();
        LOG.info("pde_runtime_started").pdeId(settings.dispatch().workerId())
                .with("grpc_port", grpcServer.port())
                .with("endpoints", endpoints.all().stream().map(endpoint -> endpoint.id()).toList())
                .with("task_types", endpoints.taskTypes()).log();
        return new PdeRuntime(endpoints, router, pipeline, dispatcher, grpcServer, executors);
    }

    /**
     * Learned scores survive restarts by default: without a {@code router.state_file} they are kept
     * beside the engine's database in the server's output directory (the working directory).
     */
    private static RouterConfig withDefaultScoreFile(RouterConfig router) {
        return router.stateFile().isPresent() ? router : router.withStateFile(DEFAULT_SCORE_FILE);
    }

    private static PdeServerOptions serverOptions(GrpcSettings grpc) throws IOException {
        PdeServerOptions options = GrpcToken.resolve(grpc).map(PdeServerOptions::secured).orElseGet(PdeServerOptions::dev)
                .withMaxInboundMessageBytes(grpc.maxMessageBytes());
        if (grpc.tlsCertChain().isPresent() && grpc.tlsPrivateKey().isPresent()) {
            options = options.withTls(grpc.tlsCertChain().get().toFile(), grpc.tlsPrivateKey().get().toFile());
        }
        return options;
    }

    /** The port the PDE gRPC server listens on. */
    public int grpcPort() {
        return grpcServer.port();
    }

    /** The endpoints tasks can route to; endpoints may be registered while running. */
    public EndpointRegistry endpoints() {
        return endpoints;
    }

    /** What the router has learned and each endpoint's circuit, now; for metrics and dashboards. */
    public RoutingSnapshot routing() {
        return router.snapshot();
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** Each pool's dispatch lane and the tasks it holds now, in configuration order. */
    public List<LaneLoad> pools() {
        return dispatcher.loads();
    }

    /** The endpoints' health as the background probe last read it. */
    public HealthProbe health() {
        return router.health();
    }

    /** Tasks running on a pool slot now. */
    public int tasksInFlight() {
        return dispatcher.inFlight();
    }

    /** Tasks this node holds locked now: running, prefetched, or being reported. */
    public int tasksLocked() {
        return dispatcher.held();
    }

    /** Stops taking tasks, lets running ones finish within {@code grace}, then saves what the router learned. */
    public void stop(Duration grace) {
        grpcServer.stopQuietly(grace);
        dispatcher.stop(grace);
        executors.close();
        router.close();
    }
}
