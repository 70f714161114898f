package procos.kernel.deploy.guard;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 */
public final class DeploymentGuard implements Deployer {

    private static final List<String> BPMN_SUFFIXES = List.of(".bpmn", ".bpmn20.xml");
    private static final List<String> UNCHECKED_MODEL_SUFFIXES = List.of(".dmn", ".dmn11.xml", ".cmmn", ".cmmn10.xml", ".cmmn11.xml");

    private static final StructuredLogger LOG = StructuredLogger.forComponent("deployment_guard");

    private final ModelInspector models;

    public DeploymentGuard(GuardPolicy policy) {
        this.models = new ModelInspector(policy);
    }

    /** What the guard finds in one resource; nothing for resources that are not models. */
    public List<GuardFinding> inspect(String resourceName, byte[] content) {
        String name = resourceName.toLowerCase(Locale.ROOT);
        if (BPMN_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return models.inspect(content == null ? new byte[0] : content);
        }
        if (UNCHECKED_MODEL_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return List.of(new GuardFinding(GuardRule.MODEL_TYPE, Severity.ERROR, null,
                    "DMN and CMMN models are not accepted: ProcOS runs BPMN only, and their expressions are not checked", 0, 0));
        }
        return List.of();
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        Map<String, ResourceEntity> resources = deployment.getResources();
        if (resources == null) {
            return;
        }
        Map<String, List<GuardFinding>> findings = new TreeMap<>();
        for (Map.Entry<String, ResourceEntity> resource : resources.entrySet()) {
            List<GuardFinding> found = inspect(resource.getKey(), resource.getValue().getBytes());
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
