package procos.bench;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import procos.pde.endpoint.EndpointFactory;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.grpc.PdeCallException;
import procos.pde.grpc.PdeDescriber;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.grpc.PdeGrpcServer;
import procos.pde.grpc.PdeServerOptions;
import procos.pde.pipeline.Pipeline;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.pool.ConfiguredTaskRules;
import procos.pde.pool.InvalidPoolConfigException;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdeManagerConfigLoader;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/**
 * Latency of a no-op {@code PdeService.Execute} against a raw grpc-java no-op unary call, both over
 * real Netty on loopback in this JVM: {@link PdeGrpcServer} in dev mode with the pipeline a PDE node
 * builds (builtin noop endpoint, task type {@code noop}, not cached), and a plain grpc-java server
 * answering the standard {@code grpc.health.v1.Health/Check}. Sequential blocking calls with a 10 s
 * deadline each; measured in alternating blocks of 1,000 calls so drift (JIT, GC) hits both alike.
 */
final class LatencyBenchmark {

    private static final int BLOCK = 1000;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private LatencyBenchmark() {
    }

    record Result(int warmup, int calls, Stats raw, Stats execute) {

        double p50DifferenceMs() {
            return (execute.p50Micros() - raw.p50Micros()) / 1000.0;
        }
    }

    record Stats(double p50Micros, double p99Micros, double meanMicros) {

        static Stats of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
            return new Stats(rank(sorted, 0.50) / 1000.0, rank(sorted, 0.99) / 1000.0, mean / 1000.0);
        }

        /** Nearest-rank percentile. */
        static long rank(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    static Result run(int warmup, int calls) throws IOException, InterruptedException, InvalidPoolConfigException {
        PdeManagerConfig config;
        try (InputStream yaml = LatencyBenchmark.class.getResourceAsStream("node-pde.yaml")) {
            config = PdeManagerConfigLoader.load(yaml, "node-pde.yaml", System::getenv);
        }
        EndpointRegistry endpoints = EndpointFactory.registryFor(config);
        Pipeline pipeline = new PipelineBuilder(endpoints).pdeId("bench-latency")
                .rules(new ConfiguredTaskRules(config)).build();
        PdeGrpcServer pde = PdeGrpcServer.onPort(0, pipeline,
                () -> PdeDescriber.describe("bench-latency", config.pools().get(0).type(), endpoints), PdeServerOptions.dev()).start();

        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
        Server raw = NettyServerBuilder.forPort(0).addService(health.getHealthService()).build().start();

        PdeGrpcClient client = PdeGrpcClient.connect(GrpcChannelOptions.plaintext("127.0.0.1:" + pde.port()));
        ManagedChannel rawChannel = Grpc.newChannelBuilder("127.0.0.1:" + raw.getPort(), InsecureChannelCredentials.create()).build();
        HealthGrpc.HealthBlockingStub rawStub = HealthGrpc.newBlockingStub(rawChannel);
        TaskRequest request = TaskRequest.newBuilder()
                .setSpec(TaskSpec.newBuilder().setTaskId("bench-latency-1").setTaskType("noop")).build();
        HealthCheckRequest check = HealthCheckRequest.getDefaultInstance();
        try {
            long[] rawNanos = new long[calls];
            long[] executeNanos = new long[calls];
            long[] scratch = new long[Math.max(1, warmup)];
            for (int done = 0; done < warmup; done += BLOCK) {
                int n = Math.min(BLOCK, warmup - done);
                measureRaw(rawStub, check, scratch, done, n);
                measureExecute(client, request, scratch, done, n);
            }
            for (int done = 0; done < calls; done += BLOCK) {
                int n = Math.min(BLOCK, calls - done);
                measureRaw(rawStub, check, rawNanos, done, n);
                measureExecute(client, request, executeNanos, done, n);
            }
            return new Result(warmup, calls, Stats.of(rawNanos), Stats.of(executeNanos));
        } finally {
            client.close();
            rawChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            pde.stopQuietly(Duration.ofSeconds(2));
            raw.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void measureRaw(HealthGrpc.HealthBlockingStub stub, HealthCheckRequest check, long[] into, int from, int n) {
        for (int i = from; i < from + n; i++) {
            long start = System.nanoTime();
            HealthCheckResponse response = stub.withDeadlineAfter(DEADLINE.toNanos(), TimeUnit.NANOSECONDS).check(check);
            into[i] = System.nanoTime() - start;
            if (response.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
                throw new IllegalStateException("raw server answered " + response.getStatus());
            }
        }
    }

    private static void measureExecute(PdeGrpcClient client, TaskRequest request, long[] into, int from, int n) {
        for (int i = from; i < from + n; i++) {
            long start = System.nanoTime();
            TaskResult result;
            try {
                result = client.execute(request, DEADLINE);
            } catch (PdeCallException e) {
                throw new IllegalStateException("Execute failed: " + e.getMessage(), e);
            }
            into[i] = System.nanoTime() - start;
            if (result.getStatus() != TaskStatus.SUCCEEDED) {
                throw new IllegalStateException("Execute answered " + result.getStatus() + ": " + result.getError());
            }
        }
    }
}
