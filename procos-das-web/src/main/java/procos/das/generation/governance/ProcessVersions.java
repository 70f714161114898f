package procos.das.generation.governance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.ModelException;
import procos.das.validation.ValidationHash;
import procos.das.validation.ModelProperties;

/**
 * The deployed versions of generated processes, on the engine's own repository: list them with
 * their ProcOS metadata, deploy a new one (keeping only the newest N), and roll back to an earlier
 * one, whose model is deployed again as the latest and to which the running instances of the
 * previous latest are migrated where Camunda's migration allows.
 *
 * <p>Deploys and rollbacks of one key are serialized within this instance; deployments go through
 * {@link RepositoryService#createDeployment()}, so the server's deployment guard sees every one.
 */
public final class ProcessVersions {

    /** The deployment source of a rollback's deployment. */
    public static final String ROLLBACK_SOURCE = "procos-rollback";

    /** What Camunda accepts as a process key (an XML id), and no longer than its column. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,254}");

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final VersionRetention retention;
    private final InstanceMigration migration;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * @param keep the number of versions kept per process key ({@link GovernanceSettings#versionsKept()})
     */
    public ProcessVersions(ProcessEngine engine, int keep) {
        this.repository = engine.getRepositoryService();
        this.runtime = engine.getRuntimeService();
        this.retention = new VersionRetention(repository, runtime, keep);
        this.migration = new InstanceMigration(runtime);
    }

    /** Every deployed version of process {@code key}, newest first; empty when none is deployed. */
    public List<ProcessVersion> versions(String key) {
        requireKey(key);
        return repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list()
                .stream().map(this::describe).toList();
    }

    /** The engine version the next deployment of {@code key} will get: 1 for a key never deployed. */
    public int nextVersion(String key) {
        requireKey(key);
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
        return latest == null ? 1 : latest.getVersion() + 1;
    }

    /**
     * The version of {@code key} that a deployment from {@code source} made, if there is one — so a
     * caller that may run twice (a retried task) deploys once.
     */
    public Optional<ProcessVersion> deployedFrom(String key, String source) {
        requireKey(key);
        return repository.createDeploymentQuery().deploymentSource(source).list().stream()
                .flatMap(deployment -> repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                        .processDefinitionKey(key).list().stream())
                .max(java.util.Comparator.comparingInt(ProcessDefinition::getVersion))
                .map(this::describe);
    }

    /**
     * Deploys {@code xml} (one resource, {@code <key>.bpmn}) as the newest version of {@code key},
     * then deletes the deployments of versions beyond the number kept that no instance runs on.
     *
     * @throws IllegalArgumentException when the XML is not a BPMN model whose only process is {@code key}
     */
    public Deployed deploy(String key, String xml, String deploymentName, String source) {
        requireKey(key);
        Objects.requireNonNull(xml, "xml");
        if (deploymentName == null || deploymentName.isBlank()) {
            throw new IllegalArgumentException("a deployment needs a name");
        }
        requireOnlyProcess(key, parse(xml));
        return locked(key, () -> deployLocked(key, xml, deploymentName, source));
    }

    /**
     * Deploys the model of {@code version} again as the newest version, marked with
     * {@value ModelProperties#ROLLED_BACK_FROM}, and migrates the running instances of the version
     * that was the latest to it where the engine can.
     *
     * @throws ProcessVersionNotFoundException when the key or the version is not deployed
     * @throws IllegalArgumentException        when {@code version} is already the latest
     */
    public RollbackResult rollback(String key, int version, String actor) {
        requireKey(key);
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a rollback needs the actor who asks for it");
        }
        return locked(key, () -> {
            List<ProcessDefinition> versions = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .orderByProcessDefinitionVersion().desc().list();
            if (versions.isEmpty()) {
                throw new ProcessVersionNotFoundException(key);
            }
            ProcessDefinition restored = versions.stream().filter(d -> d.getVersion() == version).findFirst()
                    .orElseThrow(() -> new ProcessVersionNotFoundException(key, version));
            ProcessDefinition previous = versions.get(0);
            if (previous.getVersion() == version) {
                throw new IllegalArgumentException("version " + version + " of process '" + key + "' is already the latest");
            }
            ProcessVersion previousVersion = describe(previous);
            BpmnModelInstance model = storedModel(restored);
            Process process = requireOnlyProcess(key, model);
            // A validated model keeps its certificate: the rollback marks add no logic, so the hash is renewed over them.
            boolean validated = ValidationHash.compute(model).equals(ModelProperties.procos(process).get(ModelProperties.VALIDATION_HASH));
            ModelProperties.set(process, ModelProperties.ROLLED_BACK_FROM, Integer.toString(version));
            ModelProperties.set(process, ModelProperties.ROLLED_BACK_BY, actor.trim());
            if (validated) {
                ValidationHash.stamp(model);
            }
            ProcessDefinition latest = deployResource(key, Bpmn.convertToString(model),
                    key + " rolled back to version " + version, ROLLBACK_SOURCE);
            // Migrate before retention runs, so the previous version, once emptied, can go with the others.
            InstanceMigration.Outcome moved = migration.migrate(previous.getId(), latest.getId());
            VersionRetention.Outcome kept = retention.apply(key);
            return new RollbackResult(new Deployed(describe(latest), kept.removed(), kept.retained()), version,
                    previousVersion, moved.migrated(), moved.notMigrated());
        });
    }

    private Deployed deployLocked(String key, String xml, String deploymentName, String source) {
        ProcessDefinition definition = deployResource(key, xml, deploymentName, source);
        VersionRetention.Outcome kept = retention.apply(key);
        return new Deployed(describe(definition), kept.removed(), kept.retained());
    }

    private ProcessDefinition deployResource(String key, String xml, String deploymentName, String source) {
        DeploymentWithDefinitions deployment = repository.createDeployment()
                .name(deploymentName)
                .source(source)
                .addString(key + ".bpmn", xml)
                .deployWithResult();
        return deployment.getDeployedProcessDefinitions().stream()
                .filter(d -> d.getKey().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("deployment " + deployment.getId() + " holds no process '" + key + "'"));
    }

    private ProcessVersion describe(ProcessDefinition definition) {
        Deployment deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
        long running = runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count();
        Process process = repository.getBpmnModelInstance(definition.getId()).getModelElementById(definition.getKey());
        return new ProcessVersion(definition.getKey(), definition.getVersion(), definition.getId(), definition.getDeploymentId(),
                deployment == null || deployment.getDeploymentTime() == null ? null : deployment.getDeploymentTime().toInstant(),
                running, process == null ? Map.of() : ModelProperties.procos(process));
    }

    /** The model as deployed (not the engine's cached instance, which must not be changed). */
    private BpmnModelInstance storedModel(ProcessDefinition definition) {
        try (InputStream xml = repository.getProcessModel(definition.getId())) {
            return Bpmn.readModelFromStream(xml);
        } catch (IOException e) {
            throw new UncheckedIOException("the model of " + definition.getId() + " could not be read", e);
        }
    }

    private static BpmnModelInstance parse(String xml) {
        try {
            return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ModelException e) {
            throw new IllegalArgumentException("not a BPMN model: " + e.getMessage(), e);
        }
    }

    private static Process requireOnlyProcess(String key, BpmnModelInstance model) {
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        List<String> ids = processes.stream().map(Process::getId).toList();
        if (processes.size() != 1 || !ids.contains(key)) {
            throw new IllegalArgumentException("the model must hold exactly the process '" + key + "', it holds " + ids);
        }
        Process process = processes.iterator().next();
        if (!process.isExecutable()) {
            throw new IllegalArgumentException("process '" + key + "' is not executable (isExecutable=\"true\" is missing)");
        }
        return process;
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a process key: '" + key + "' (a letter or _, then letters, digits, _ . -)");
        }
    }

    private <T> T locked(String key, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
