package procos.pde.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.endpoint.InputProblem;
import procos.pde.v1.TaskSpec;

/**
 * Test (built-in test, BIT): checks the task against what its type requires — required inputs
 * present, payload within bounds — and finds the endpoints that can run it: capable of the task
 * type, allowed by the spec, healthy now.
 */
public final class TestBlock {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.test");

    private final EndpointRegistry endpoints;
    private final TaskRules rules;
    private final HealthProbe health;
    private final int maxInputBytes;

    public TestBlock(EndpointRegistry endpoints, TaskRules rules, HealthProbe health, int maxInputBytes) {
        this.endpoints = endpoints;
        this.rules = rules;
        this.health = health;
        this.maxInputBytes = maxInputBytes;
    }

    public TestReport test(TaskContext context) throws InvalidTaskException {
        long started = System.nanoTime();
        TaskSpec spec = context.spec();
        for (String input : rules.requiredInputs(spec.getTaskType())) {
            if (!spec.getInputs().containsFields(input)) {
                throw new InvalidTaskException("spec.inputs." + input, "required by task type '" + spec.getTaskType() + "'");
            }
        }
        if (spec.getInputs().getSerializedSize() > maxInputBytes) {
            throw new InvalidTaskException("spec.inputs", "is " + spec.getInputs().getSerializedSize()
                    + " bytes, over the " + maxInputBytes + "-byte limit");
        }
        List<Endpoint> capable = endpoints.capableOf(spec.getTaskType());
        if (capable.isEmpty()) {
            throw new InvalidTaskException("spec.task_type", "no endpoint can run task type '" + spec.getTaskType()
                    + "'; known task types: " + endpoints.taskTypes());
        }
        List<Endpoint> candidates = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<InputProblem> refusals = new ArrayList<>();
        for (Endpoint endpoint : capable) {
            Optional<InputProblem> problem = endpoint.checkInputs(spec.getTaskType(), spec.getInputs());
            if (problem.isPresent()) {
                refusals.add(problem.get());
                excluded.add(endpoint.id() + ": refuses input '" + problem.get().input() + "'");
            } else if (!spec.getAllowedEndpointsList().isEmpty() && !spec.getAllowedEndpointsList().contains(endpoint.id())) {
                excluded.add(endpoint.id() + ": not in allowed_endpoints");
            } else if (!health.usable(endpoint)) {
                excluded.add(endpoint.id() + ": unhealthy (" + health.health(endpoint).getMessage() + ")");
            } else {
                candidates.add(endpoint);
            }
        }
        if (refusals.size() == capable.size()) {
            // No endpoint would take these inputs: the caller must fix them, retrying cannot help.
            throw new InvalidTaskException("spec.inputs." + refusals.get(0).input(), refusals.get(0).reason());
        }
        LOG.debug("task_tested").pdeId(context.pdeId()).correlationId(spec.getCorrelation().getCorrelationId())
                .with("task_id", spec.getTaskId()).with("candidates", candidates.stream().map(Endpoint::id).toList())
                .with("excluded", excluded).durationSince(started).log();
        return new TestReport(candidates, excluded);
    }
}
