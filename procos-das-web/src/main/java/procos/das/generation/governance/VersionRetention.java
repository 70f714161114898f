package procos.das.generation.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * Keeps the newest N versions of a process and deletes the deployments of older ones, without
 * cascading: the history of their instances stays. A version is kept anyway while instances run on
 * it, and when its deployment holds anything besides this process's model, which deleting would take
 * with it.
 */
final class VersionRetention {

    /** What one pass removed and kept. */
    record Outcome(List<Integer> removed, List<RetainedVersion> retained) {
    }

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final int keep;

    VersionRetention(RepositoryService repository, RuntimeService runtime, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("at least one version must be kept, got " + keep);
        }
        this.repository = repository;
        this.runtime = runtime;
        this.keep = keep;
    }

    Outcome apply(String key) {
        List<ProcessDefinition> versions = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list();
        List<Integer> removed = new ArrayList<>();
        List<RetainedVersion> retained = new ArrayList<>();
        for (ProcessDefinition old : versions.subList(Math.min(keep, versions.size()), versions.size())) {
            String reason = reasonToKeep(key, old);
            if (reason == null) {
                try {
                    repository.deleteDeployment(old.getDeploymentId(), false);
                    removed.add(old.getVersion());
                    continue;
                } catch (ProcessEngineException e) {
                    // An instance started since the check: the engine refuses to delete without cascading.
                    reason = "the engine refused to delete its deployment: " + e.getMessage();
                }
            }
            retained.add(new RetainedVersion(old.getVersion(), old.getId(), old.getDeploymentId(), reason));
        }
        return new Outcome(removed, retained);
    }

    /** Why the version's deployment must stay, or {@code null} when it may go. */
    private String reasonToKeep(String key, ProcessDefinition old) {
        String deploymentId = old.getDeploymentId();
        List<ProcessDefinition> deployed = repository.createProcessDefinitionQuery().deploymentId(deploymentId).list();
        Set<String> otherKeys = new TreeSet<>();
        Set<String> ownResources = new TreeSet<>();
        long running = 0;
        for (ProcessDefinition definition : deployed) {
            if (!definition.getKey().equals(key)) {
                otherKeys.add(definition.getKey());
            }
            ownResources.add(definition.getResourceName());
            running += runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count();
        }
        if (running > 0) {
            return running + " instance(s) still running on it";
        }
        if (!otherKeys.isEmpty()) {
            return "its deployment also holds the process(es) " + String.join(", ", otherKeys);
        }
        Set<String> otherResources = new TreeSet<>(repository.getDeploymentResourceNames(deploymentId));
        otherResources.removeAll(ownResources);
        if (!otherResources.isEmpty()) {
            return "its deployment also holds " + String.join(", ", otherResources);
        }
        return null;
    }
}
