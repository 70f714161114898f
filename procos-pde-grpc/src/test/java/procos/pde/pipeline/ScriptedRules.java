package procos.pde.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link TaskRules} configured per test: required inputs and outputs, cacheable types, routing. */
public final class ScriptedRules implements TaskRules {

    private final Map<String, Set<String>> requiredInputs = new HashMap<>();
    private final Map<String, Set<String>> requiredOutputs = new HashMap<>();
    private final Set<String> cacheable = new HashSet<>();
    private final Map<String, List<String>> routing = new HashMap<>();

    ScriptedRules requireInputs(String taskType, String... inputs) {
        requiredInputs.put(taskType, Set.of(inputs));
        return this;
    }

    ScriptedRules requireOutputs(String taskType, String... outputs) {
        requiredOutputs.put(taskType, Set.of(outputs));
        return this;
    }

    ScriptedRules cacheType(String taskType) {
        cacheable.add(taskType);
        return this;
    }

    public ScriptedRules route(String taskType, String... endpointIds) {
        routing.put(taskType, List.of(endpointIds));
        return this;
    }

    @Override
    public Set<String> requiredInputs(String taskType) {
        return requiredInputs.getOrDefault(taskType, Set.of());
    }

    @Override
    public Set<String> requiredOutputs(String taskType) {
        return requiredOutputs.getOrDefault(taskType, Set.of());
    }

    @Override
    public boolean cacheable(String taskType) {
        return cacheable.contains(taskType);
    }

    @Override
    public List<String> routing(String taskType) {
        return routing.getOrDefault(taskType, List.of());
    }
}
