package procos.pde.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import procos.pde.dispatch.DispatchLanes;
import procos.pde.dispatch.DispatchSettings;
import procos.pde.dispatch.ExternalTaskDispatcher;
import procos.pde.dispatch.InMemoryEngines;
import procos.pde.dispatch.WorkSignal;
import procos.pde.endpoint.EndpointFactory;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.endpoint.RemoteEndpoint;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.ConfiguredTaskRules;
import procos.pde.pool.PdeAllocator;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdeManagerConfigLoader;

/**
 * The example endpoints in Python and Node, each started as its own process the way its README
 * says: they pass every conformance check, and a BPMN process whose service tasks they run through
 * the dispatcher and the pipeline ends with the outputs they computed.
 */
class PolyglotEndpointTest {

    private static final Path BUILD_DIR = Path.of("target", "polyglot").toAbsolutePath();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<PolyglotEndpoint> PREPARED = EnumSet.noneOf(PolyglotEndpoint.class);

    private final String token = "polyglot-" + UUID.randomUUID();

    @ParameterizedTest
    @EnumSource(PolyglotEndpoint.class)
    void passesEveryConformanceCheck(PolyglotEndpoint language) throws Exception {
        try (EndpointProcess endpoint = start(language)) {
            ConformanceReport report = EndpointConformance.check(
                    GrpcChannelOptions.plaintext(endpoint.target()).withBearerToken(token));

            assertThat(report.results())
                    .as("%s%nendpoint output:%n%s", report.render(), endpoint.output())
                    .hasSize(10)
                    .allMatch(result -> result.verdict() == Verdict.PASS);
        }
    }

    @ParameterizedTest
    @EnumSource(PolyglotEndpoint.class)
    void bpmnServiceTasksRunOnTheEndpointAsARemoteEndpoint(PolyglotEndpoint language) throws Exception {
        try (EndpointProcess endpoint = start(language)) {
            PdeManagerConfig config = PdeManagerConfigLoader.load(new ByteArrayInputStream("""
                    pde_manager:
                      node_id: polyglot-test
                      pools:
                        - type: general_purpose
                          instances: 1
                          max_concurrent_tasks: 4
                          endpoints: [text]
                      endpoints:
                        - id: text
                          kind: remote
                          address: ${TEXT_ADDRESS}
                          token: ${TEXT_TOKEN}
                      routing:
                        - task_type: text.stats
                          endpoints: [text]
                    """.getBytes(StandardCharsets.UTF_8)), "polyglot.yaml",
                    Map.of("TEXT_ADDRESS", endpoint.target(), "TEXT_TOKEN", token)::get);
            WorkSignal signal = new WorkSignal();
            ProcessEngine engine = InMemoryEngines.start("polyglot", signal);
            EndpointRegistry endpoints = EndpointFactory.registryFor(config);
            TaskExecutor pipeline = new PipelineBuilder(endpoints).rules(new ConfiguredTaskRules(config)).build();
            ExternalTaskDispatcher dispatcher = new ExternalTaskDispatcher(engine.getExternalTaskService(),
                    new DispatchSettings("polyglot-worker", 10, Duration.ofSeconds(30), Duration.ofSeconds(20), 0,
                            Duration.ZERO, Duration.ofMillis(200)),
                    DispatchLanes.from(PdeAllocator.from(config), endpoints, pool -> pipeline), signal);
            try {
                dispatcher.start();
                engine.getRepositoryService().createDeployment().addModelInstance("text.bpmn",
                        Bpmn.createExecutableProcess("text_work").camundaHistoryTimeToLive(1)
                                .startEvent()
                                .serviceTask("count").camundaExternalTask("text.stats")
                                .camundaInputParameter("text", "to be or not to be\nthat is the question")
                                .serviceTask("mirror").camundaExternalTask("text.reverse")
                                .camundaInputParameter("text", "ProcOS")
                                .endEvent().done()).deploy();

                String id = engine.getRuntimeService().startProcessInstanceByKey("text_work").getId();

                assertThat(InMemoryEngines.awaitEnd(engine, id)).as("process state; endpoint output:%n%s", endpoint.output())
                        .isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
                assertThat(variable(engine, id, "words")).isEqualTo(10.0);
                assertThat(variable(engine, id, "characters")).isEqualTo(39.0);
                assertThat(variable(engine, id, "lines")).isEqualTo(2.0);
                assertThat(variable(engine, id, "reversed")).isEqualTo("SOcorP");
                assertThat(endpoint.output()).as("the endpoint logged the process it worked for")
                        .contains("\"process_instance_id\":\"" + id + "\"");
            } finally {
                dispatcher.stop(Duration.ofSeconds(5));
                engine.close();
                endpoints.all().stream().filter(RemoteEndpoint.class::isInstance).map(RemoteEndpoint.class::cast)
                        .forEach(RemoteEndpoint::close);
            }
        }
    }

    private EndpointProcess start(PolyglotEndpoint language) throws IOException, InterruptedException {
        prepareOnce(language);
        Path output = Files.createTempFile(BUILD_DIR, language.name().toLowerCase() + "-", ".log");
        return EndpointProcess.start(language.command(BUILD_DIR), language.directory(),
                Map.of("PROCOS_ENDPOINT_TOKEN", token), output, READY_TIMEOUT);
    }

    private static void prepareOnce(PolyglotEndpoint language) throws IOException, InterruptedException {
        synchronized (PREPARED) {
            if (!PREPARED.contains(language)) {
                Files.createDirectories(BUILD_DIR);
                language.prepare(BUILD_DIR);
                PREPARED.add(language);
            }
        }
    }

    /** An engine that signals the dispatcher when it creates external tasks, as the kernel's does. */
    private static Object variable(ProcessEngine engine, String processInstanceId, String name) {
        var instance = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        return instance == null ? null : instance.getValue();
    }
}
