package procos.kernel.deploy.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import procos.kernel.deploy.guard.GuardFinding.Severity;
import procos.logging.StructuredLogger;

/**
 * The engine's first deployer: every deployment, whichever way it reaches the engine (the kernel's
 * BPMN set, Camunda's REST API, any injected {@code RepositoryService}), passes here before Camunda
 * parses a model, and also whenever the engine loads a stored deployment into its cache. A model
 * that could run code beyond what {@link GuardPolicy} allows is refused with a
 * {@link DeploymentRefusedException}; the engine rolls the deployment back, so nothing of it is stored.
 *
 * <p>Other modules extend it at run time with {@link #install(ModelCheck)}: installed checks run on
 * the BPMN resources of new deployments only — a stored deployment the engine reloads into its cache
 * was checked when it was deployed, and must not become unloadable because a check changed since.
 */
public final class DeploymentGuard implements Deployer {

    private static final List<String> BPMN_SUFFIXES = List.of(".bpmn", ".bpmn20.xml");
    private static final List<String> UNCHECKED_MODEL_SUFFIXES = List.of(".dmn", ".dmn11.xml", ".cmmn", ".cmmn10.xml", ".cmmn11.xml");

    private static final StructuredLogger LOG = StructuredLogger.forComponent("deployment_guard");

    private final ModelInspector models;
    private final List<ModelCheck> checks = new CopyOnWriteArrayList<>();

    public DeploymentGuard(GuardPolicy policy) {
        this.models = new ModelInspector(policy);
    }

    /** Adds a check run on every BPMN resource of every new deployment from now on; thread-safe. */
    public void install(ModelCheck check) {
        checks.add(Objects.requireNonNull(check, "check"));
    }

    /** Removes a check {@link #install installed} before; deployments after this no longer run it. */
    public boolean remove(ModelCheck check) {
        return checks.remove(check);
    }

    /** What the guard finds in one resource; nothing for resources that are not models. */
    public List<GuardFinding> inspect(String resourceName, byte[] content) {
        String name = resourceName.toLowerCase(Locale.ROOT);
        if (isBpmn(name)) {
            return models.inspect(content == null ? new byte[0] : content);
        }
        if (UNCHECKED_MODEL_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return List.of(new GuardFinding(GuardRule.MODEL_TYPE, Severity.ERROR, null,
                    "DMN and CMMN models are not accepted: ProcOS runs BPMN only, and their expressions are not checked", 0, 0));
        }
        return List.of();
    }

    /** The findings of the installed checks on one BPMN resource; a check that fails refuses it. */
    private List<GuardFinding> runChecks(String resourceName, byte[] content) {
        if (!isBpmn(resourceName.toLowerCase(Locale.ROOT))) {
            return List.of();
        }
        List<GuardFinding> found = new ArrayList<>();
        for (ModelCheck check : checks) {
            try {
                found.addAll(check.check(resourceName, content == null ? new byte[0] : content));
            } catch (RuntimeException e) {
                // Fail closed: a model no check could judge is not let through unchecked.
                found.add(new GuardFinding(GuardRule.VALIDATION, Severity.ERROR, null,
                        "the model check " + check.getClass().getSimpleName() + " failed: " + e, 0, 0));
            }
        }
        return found;
    }

    private static boolean isBpmn(String lowerCaseName) {
        return BPMN_SUFFIXES.stream().anyMatch(lowerCaseName::endsWith);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        Map<String, ResourceEntity> resources = deployment.getResources();
        if (resources == null) {
            return;
        }
        Map<String, List<GuardFinding>> findings = new TreeMap<>();
        for (Map.Entry<String, ResourceEntity> resource : resources.entrySet()) {
            List<GuardFinding> found = new ArrayList<>(inspect(resource.getKey(), resource.getValue().getBytes()));
            if (deployment.isNew()) {
                found.addAll(runChecks(resource.getKey(), resource.getValue().getBytes()));
            }
            if (!found.isEmpty()) {
                findings.put(resource.getKey(), found);
            }
        }
        if (findings.values().stream().flatMap(List::stream).anyMatch(GuardFinding::refuses)) {
            DeploymentRefusedException refusal = new DeploymentRefusedException(findings);
            LOG.warn("deployment_refused")
                    .with("deployment", deployment.getName())
                    .with("source", deployment.getSource())
                    .with("reason", refusal.getMessage())
                    .log();
            throw refusal;
        }
        if (!findings.isEmpty() && deployment.isNew()) {
            LOG.info("deployment_allowlisted")
                    .with("deployment", deployment.getName())
                    .with("source", deployment.getSource())
                    .with("findings", findings.toString())
                    .log();
        }
    }
}
