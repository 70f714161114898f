package procos.pde.grpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import procos.logging.StructuredLogger;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;

/**
 * Owns the lifecycle of a PDE's gRPC server, and nothing else: it wires the PDE service (behind
 * authentication), the standard {@code grpc.health.v1} service and server reflection into the
 * given builder, then starts and stops them together so that health always tells the truth.
 *
 * <p>It takes a {@link ServerBuilder} rather than a port so that production passes
 * {@code NettyServerBuilder.forPort(port, credentials)} (see {@link #onPort}, which also sets up TLS)
 * and tests pass an {@code InProcessServerBuilder}, exercising exactly the same wiring.
 *
 * <pre>{@code
 * PdeGrpcServer server = PdeGrpcServer.onPort(50051, executor, description, PdeServerOptions.secured(token)).start();
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stopQuietly(Duration.ofSeconds(10))));
 * server.blockUntilShutdown();
 * }</pre>
 *
 * <p>Unary {@code Execute} calls run on the builder's executor (gRPC's shared cached pool unless
 * {@link ServerBuilder#executor} was set); {@code ExecuteStream} tasks run on a bounded pool sized
 * by {@link PdeServerOptions}, owned and shut down by this class.
 *
 * <p>Health and reflection are not behind the token so that orchestrator probes and tools such as
 * grpcurl work without secrets; neither reveals more than the public contract.
 */
public final class PdeGrpcServer {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("grpc");
    private static final Duration AFTER_SHUTDOWN_NOW = Duration.ofSeconds(5);

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ExecutorService streamWorkers;
    private final PdeServerOptions options;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * Configures {@code builder} (message size, services) and builds the server; nothing listens
     * until {@link #start()}. For transports without TLS, such as in-process: TLS belongs to the
     * transport, which {@link #onPort} builds with the options' certificates.
     *
     * @throws IllegalArgumentException if {@code options} ask for TLS
     */
    public PdeGrpcServer(ServerBuilder<?> builder, TaskExecutor executor, Supplier<PdeDescription> description,
            PdeServerOptions options) {
        this(builder, executor, description, options, false);
    }

    private PdeGrpcServer(ServerBuilder<?> builder, TaskExecutor executor, Supplier<PdeDescription> description,
            PdeServerOptions options, boolean builtWithCredentials) {
        Objects.requireNonNull(builder, "builder");
        this.options = Objects.requireNonNull(options, "options");
        if (options.tlsEnabled() && !builtWithCredentials) {
            throw new IllegalArgumentException("TLS is part of the transport: start a TLS server with onPort");
        }
        builder.maxInboundMessageSize(options.maxInboundMessageBytes());
        this.streamWorkers = newStreamWorkers(options);
        PdeGrpcService service = new PdeGrpcService(executor, description, streamWorkers);
        builder.addService(ServerInterceptors.intercept(MalformedMessageGuard.guard(service.bindService()),
                interceptors(options)));
        builder.addService(health.getHealthService());
        builder.addService(ProtoReflectionServiceV1.newInstance());
        this.server = builder.build();
    }

    /**
     * The production setup: Netty on {@code port} (0 picks a free port, see {@link #port()}), over
     * TLS when the options name a certificate, requiring client certificates when they name a
     * client CA.
     *
     * @throws IllegalArgumentException if a configured TLS file does not exist or cannot be read
     */
    public static PdeGrpcServer onPort(int port, TaskExecutor executor, Supplier<PdeDescription> description,
            PdeServerOptions options) {
        return new PdeGrpcServer(NettyServerBuilder.forPort(port, credentials(options)), executor, description,
                options, true);
    }

    private static ServerCredentials credentials(PdeServerOptions options) {
        if (!options.tlsEnabled()) {
            return InsecureServerCredentials.create();
        }
        TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder();
        try {
            tls.keyManager(existing(options.tlsCertChain()), existing(options.tlsPrivateKey()));
            if (options.tlsClientCa() != null) {
                tls.trustManager(existing(options.tlsClientCa())).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a TLS file: " + e.getMessage(), e);
        }
        return tls.build();
    }

    /** Starts listening and reports {@code SERVING} for the server and the PDE service. */
    public PdeGrpcServer start() throws IOException {
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            streamWorkers.shutdownNow();
            LOG.error("grpc_server_start_failed").error(e).log();
            throw e;
        }
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        health.setStatus(PdeServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
        LOG.info("grpc_server_started")
                .with("port", port())
                .with("tls", options.tlsEnabled())
                .with("client_certificates", options.tlsClientCa() != null ? "required" : "none")
                .with("auth", options.token().isPresent() ? "bearer" : "none")
                .with("max_inbound_message_bytes", options.maxInboundMessageBytes())
                .log();
        return this;
    }

    /**
     * Reports {@code NOT_SERVING} first, so load balancers stop sending work, then stops taking new
     * calls, gives running calls {@code grace} to finish and cancels whatever is left. Calling it
     * again is harmless.
     */
    public void stop(Duration grace) throws InterruptedException {
        long start = System.nanoTime();
        if (stopping.compareAndSet(false, true)) {
            health.enterTerminalState(); // warns when entered twice
        }
        server.shutdown();
        boolean clean = server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
        if (!clean) {
            server.shutdownNow();
            server.awaitTermination(AFTER_SHUTDOWN_NOW.toNanos(), TimeUnit.NANOSECONDS);
        }
        streamWorkers.shutdownNow();
        LOG.info("grpc_server_stopped").with("clean", clean).durationSince(start).log();
    }

    /** {@link #stop} for shutdown hooks, which cannot throw. */
    public void stopQuietly(Duration grace) {
        try {
            stop(grace);
        } catch (InterruptedException e) {
            server.shutdownNow();
            streamWorkers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks the calling thread (typically {@code main}) until the server has terminated. */
    public void blockUntilShutdown() throws InterruptedException {
        server.awaitTermination();
    }

    /** The port listened on, useful after binding port 0; -1 for transports without ports (in-process). */
    public int port() {
        return server.getPort();
    }

    public boolean isTerminated() {
        return server.isTerminated();
    }

    /**
     * Auth is checked before anything else; {@link ServerInterceptors#intercept} runs the last
     * interceptor of the list first.
     */
    private static List<ServerInterceptor> interceptors(PdeServerOptions options) {
        List<ServerInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new CorrelationIdInterceptor());
        options.token().ifPresent(token -> interceptors.add(new BearerTokenInterceptor(token)));
        return interceptors;
    }

    /**
     * Bounded both ways: a fixed number of threads and a fixed queue, so a flood of stream tasks is
     * answered {@code OVERLOADED} instead of exhausting memory.
     */
    private static ExecutorService newStreamWorkers(PdeServerOptions options) {
        BlockingQueue<Runnable> queue = options.streamQueueCapacity() == 0
                ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(options.streamQueueCapacity());
        return new ThreadPoolExecutor(options.streamWorkers(), options.streamWorkers(), 0L, TimeUnit.MILLISECONDS,
                queue, daemonThreads("pde-stream-"), new ThreadPoolExecutor.AbortPolicy());
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static File existing(File file) {
        if (!file.isFile()) {
            throw new IllegalArgumentException("TLS file not found: " + file);
        }
        return file;
    }
}
