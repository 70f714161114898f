package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * Runs {@link PdeGrpcService} with a worker pool the test owns, so it can tell when every queued
 * stream task has been dealt with.
 */
class ExecuteStreamRpcTest {

    private final String name = InProcessServerBuilder.generateName();
    private final LogCapture log = new LogCapture();
    private ExecutorService workers;
    private Server server;
    private ManagedChannel channel;

    private PdeServiceGrpc.PdeServiceStub start(TaskExecutor executor, ExecutorService pool) throws IOException {
        workers = pool;
        server = InProcessServerBuilder.forName(name)
                .addService(new PdeGrpcService(executor, PdeDescription::getDefaultInstance, pool))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        return PdeServiceGrpc.newStub(channel);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        log.close();
    }

    @Test
    void streamAnswersEveryRequestOnceMatchedByTaskIdAndRejectsABadTaskInBand() throws Exception {
        CountDownLatch fastResultReceived = new CountDownLatch(1);
        var stub = start(request -> {
            switch (request.getSpec().getTaskId()) {
                case "" -> throw new InvalidTaskException("spec.task_id", "required");
                case "slow" -> Tasks.await(fastResultReceived);
                default -> { }
            }
            return Tasks.succeeded(request);
        }, Executors.newFixedThreadPool(4));
        Collector results = new Collector() {
            @Override
            public void onNext(TaskResult value) {
                super.onNext(value);
                if (value.getTaskId().equals("fast")) {
                    fastResultReceived.countDown();
                }
            }
        };

        StreamObserver<TaskRequest> requests = stub.executeStream(results);
        requests.onNext(Tasks.request("slow"));
        requests.onNext(Tasks.request("fast"));
        requests.onNext(Tasks.request(""));
        requests.onCompleted(); // while "slow" is still in flight

        results.done.get(10, TimeUnit.SECONDS);
        assertThat(results.values).hasSize(3);
        Map<String, TaskResult> byId = results.values.stream()
                .collect(Collectors.toMap(TaskResult::getTaskId, Function.identity()));
        assertThat(byId.get("slow")).isEqualTo(Tasks.succeeded(Tasks.request("slow")));
        assertThat(byId.get("fast")).isEqualTo(Tasks.succeeded(Tasks.request("fast")));
        TaskResult rejected = byId.get("");
        assertThat(rejected.getStatus()).isEqualTo(TaskStatus.REJECTED);
        assertThat(rejected.getError().getCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(rejected.getError().getMessage()).isEqualTo("spec.task_id: required");
        assertThat(rejected.getError().getRetryable()).isFalse();
        List<String> arrivalOrder = results.values.stream().map(TaskResult::getTaskId).toList();
        assertThat(arrivalOrder.indexOf("fast"))
                .as("results come back as they finish, not in request order")
                .isLessThan(arrivalOrder.indexOf("slow"));
    }

    @Test
    void clientCancelStopsTheStreamItsRunningTaskAndItsQueuedTasks() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CompletableFuture<Boolean> runningTaskSawCancel = new CompletableFuture<>();
        var stub = start(request -> {
            started.add(request.getSpec().getTaskId());
            firstStarted.countDown();
            runningTaskSawCancel.complete(Tasks.awaitCancellation());
            return Tasks.succeeded(request);
        }, Executors.newSingleThreadExecutor());
        CancellingCollector results = new CancellingCollector();

        StreamObserver<TaskRequest> requests = stub.executeStream(results);
        requests.onNext(Tasks.request("running"));
        requests.onNext(Tasks.request("queued"));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        results.cancel();

        assertThat(runningTaskSawCancel.get(5, TimeUnit.SECONDS)).isTrue();
        workers.shutdown();
        assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(started).containsExactly("running");
        assertThat(results.values).isEmpty();
        assertThat(log.await("task_finished", line -> line.get("task_id").asText().equals("running"))
                .get("grpc_status").asText()).as("the running task's result was not sent").isEqualTo("CANCELLED");
        assertThat(Status.fromThrowable(results.done.handle((v, t) -> t).get(5, TimeUnit.SECONDS)).getCode())
                .isEqualTo(Status.Code.CANCELLED);
    }

    @Test
    void fullWorkerPoolAnswersOverloadedInBandAndKeepsTheStreamOpen() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        var stub = start(request -> {
            Tasks.await(release);
            return Tasks.succeeded(request);
        }, new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>()));
        Collector results = new Collector();

        StreamObserver<TaskRequest> requests = stub.executeStream(results);
        requests.onNext(Tasks.request("occupies-the-worker"));
        requests.onNext(Tasks.request("one-too-many"));
        TaskResult overloaded = results.next();
        release.countDown();
        requests.onCompleted();
        results.done.get(10, TimeUnit.SECONDS);

        assertThat(overloaded.getTaskId()).isEqualTo("one-too-many");
        assertThat(overloaded.getStatus()).isEqualTo(TaskStatus.REJECTED);
        assertThat(overloaded.getError().getCode()).isEqualTo("OVERLOADED");
        assertThat(overloaded.getError().getRetryable()).isTrue();
        assertThat(results.values).extracting(TaskResult::getTaskId)
                .containsExactly("one-too-many", "occupies-the-worker");
    }

    @Test
    void taskWhoseSpecDeadlineHasPassedIsTimedOutInBandWithoutRunning() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        var stub = start(request -> {
            started.add(request.getSpec().getTaskId());
            return Tasks.succeeded(request);
        }, Executors.newFixedThreadPool(2));
        Collector results = new Collector();

        StreamObserver<TaskRequest> requests = stub.executeStream(results);
        requests.onNext(Tasks.withDeadline(Tasks.request("late"), Instant.now().minusSeconds(1)));
        requests.onCompleted();
        results.done.get(10, TimeUnit.SECONDS);

        assertThat(results.values).singleElement().satisfies(r -> {
            assertThat(r.getTaskId()).isEqualTo("late");
            assertThat(r.getStatus()).isEqualTo(TaskStatus.TIMED_OUT);
            assertThat(r.getError().getCode()).isEqualTo("DEADLINE_EXCEEDED");
        });
        assertThat(started).isEmpty();
    }

    /** Collects a stream's results; {@code done} completes with the stream. */
    static class Collector implements StreamObserver<TaskResult> {
        final List<TaskResult> values = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<TaskResult> arrivals = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        @Override
        public void onNext(TaskResult value) {
            values.add(value);
            arrivals.add(value);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            done.complete(null);
        }

        TaskResult next() throws InterruptedException {
            TaskResult result = arrivals.poll(5, TimeUnit.SECONDS);
            assertThat(result).as("a result within five seconds").isNotNull();
            return result;
        }
    }

    /** A collector that can cancel its call, as a client abandoning the stream would. */
    static final class CancellingCollector extends Collector implements ClientResponseObserver<TaskRequest, TaskResult> {
        private volatile ClientCallStreamObserver<TaskRequest> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<TaskRequest> requestStream) {
            call = requestStream;
        }

        void cancel() {
            call.cancel("client gave up", null);
        }
    }
}
