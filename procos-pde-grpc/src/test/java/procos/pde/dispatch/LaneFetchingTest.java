package procos.pde.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Deadline;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.PdeAllocator;
import procos.pde.pool.PdeManagerConfigLoader;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Which lanes the dispatcher queries, against a real engine: two pools, one serving topic
 * {@code alpha}, the catch-all serving {@code beta}. The safety poll is ten minutes, so everything
 * here happens because of a signal, never because of a poll.
 */
class LaneFetchingTest {

    private static final Duration NO_POLL = Duration.ofMinutes(10);

    private final WorkSignal signal = new WorkSignal();
    private final List<List<String>> fetches = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private ProcessEngine engine;
    private ExternalTaskDispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        engine = InMemoryEngines.start("lanes", signal);
        EndpointRegistry endpoints = new EndpointRegistry().register(new WobblyEndpoint());
        TaskExecutor pipeline = new PipelineBuilder(endpoints).firstBackoff(Duration.ofMillis(1)).build();
        String twoPools = """
                pde_manager:
                  node_id: test-node
                  pools:
                    - type: integration
                      instances: 1
                      max_concurrent_tasks: 2
                      endpoints: [wobbly]
                      task_types: [alpha]
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 2
                      endpoints: [wobbly]
                  endpoints:
                    - id: wobbly
                      kind: builtin
                """;
        PdeAllocator allocator = PdeAllocator.from(PdeManagerConfigLoader.load(
                new ByteArrayInputStream(twoPools.getBytes(StandardCharsets.UTF_8)), name -> null));
        dispatcher = new ExternalTaskDispatcher(recording(engine.getExternalTaskService()),
                new DispatchSettings("lane-worker", 10, Duration.ofSeconds(30), Duration.ofSeconds(10), 2,
                        Duration.ofMillis(50), NO_POLL),
                DispatchLanes.from(allocator, endpoints, pool -> pipeline), signal);
        dispatcher.start();
    }

    @AfterEach
    void stop() {
        dispatcher.stop(Duration.ofSeconds(5));
        engine.close();
    }

    @Test
    void aTaskOfOneTopicIsFetchedByItsOwnLaneWithoutQueryingTheOther() throws Exception {
        awaitCondition(() -> fetches.size() >= 2); // the first look at each lane, at start
        deploy("only_alpha", "alpha");
        fetches.clear();

        String id = engine.getRuntimeService().startProcessInstanceByKey("only_alpha").getId();

        assertThat(InMemoryEngines.awaitEnd(engine, id)).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(fetches).as("every query after the start was the alpha lane's").isNotEmpty()
                .allSatisfy(topics -> assertThat(topics).containsExactly("alpha"));
    }

    @Test
    void aTaskHandedBackForARetryIsFetchedAgainWhenItsBackoffEndsNotAtTheNextPoll() throws Exception {
        failuresLeft.set(3); // the whole first run: every attempt the pipeline makes fails
        deploy("retried", "beta");

        String id = engine.getRuntimeService().startProcessInstanceByKey("retried").getId();

        assertThat(InMemoryEngines.awaitEnd(engine, id)).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(calls.get()).as("failed attempts, then the retry that succeeded").isEqualTo(4);
    }

    private void deploy(String key, String topic) {
        engine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn",
                Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                        .startEvent().serviceTask("work").camundaExternalTask(topic).endEvent().done()).deploy();
    }

    /** The real service, recording the topics of every fetch-and-lock it executes. */
    private ExternalTaskService recording(ExternalTaskService real) {
        return (ExternalTaskService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ExternalTaskService.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    return method.getName().equals("fetchAndLock") ? recordingBuilder(result, new ArrayList<>()) : result;
                });
    }

    /** Follows the builder chain, noting each topic, and records them when the query executes. */
    private Object recordingBuilder(Object builder, List<String> topics) {
        Class<?>[] interfaces = builder.getClass().getInterfaces();
        return Proxy.newProxyInstance(getClass().getClassLoader(), interfaces, (proxy, method, args) -> {
            if (method.getName().equals("topic")) {
                topics.add((String) args[0]);
            }
            if (method.getName().equals("execute")) {
                fetches.add(List.copyOf(topics));
            }
            Object result = invoke(builder, method, args);
            return result != null && method.getReturnType().isInterface()
                    && method.getReturnType().getPackageName().startsWith("org.camunda.bpm.engine.externaltask")
                    ? recordingBuilder(result, topics) : result;
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    /** Runs alpha and beta; fails (retryably) while {@link #failuresLeft} lasts. */
    private final class WobblyEndpoint implements Endpoint {
        @Override
        public String id() {
            return "wobbly";
        }

        @Override
        public EndpointDescription describe() {
            return EndpointDescription.newBuilder().setEndpointId("wobbly")
                    .addCapabilities(Capability.newBuilder().setTaskType("alpha"))
                    .addCapabilities(Capability.newBuilder().setTaskType("beta")).build();
        }

        @Override
        public EndpointHealth health() {
            return EndpointHealth.newBuilder().setState(HealthState.HEALTHY).build();
        }

        @Override
        public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
            calls.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new EndpointException("UNAVAILABLE", "scripted outage", true);
            }
            return InvokeResponse.getDefaultInstance();
        }
    }
}
