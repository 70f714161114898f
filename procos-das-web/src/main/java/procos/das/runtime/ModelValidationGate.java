package procos.das.runtime;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.eclipse.microprofile.config.Config;
import procos.das.validation.BpmnValidator;
import procos.das.validation.Finding;
import procos.das.validation.ValidationSettings;
import procos.kernel.Kernel;
import procos.kernel.deploy.guard.DeploymentGuard;
import procos.kernel.deploy.guard.GuardFinding;
import procos.kernel.deploy.guard.GuardRule;
import procos.kernel.deploy.guard.ModelCheck;
import procos.kernel.engine.RunningEngine;
import procos.logging.StructuredLogger;

/**
 * Puts the BPMN validator in front of every new deployment: when the web application starts it
 * installs a {@link ModelCheck} backed by {@link BpmnValidator} into the kernel's deployment guard,
 * so models deployed through Camunda's REST API, the kernel or any other path must pass it; it
 * removes the check when the application stops. Its limits come from the
 * {@code procos.validation.*} settings ({@link ValidationSettings#from}).
 */
@ApplicationScoped
public class ModelValidationGate {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das");

    @Inject
    Kernel kernel;

    @Inject
    Config config;

    private volatile DeploymentGuard installedIn;
    private volatile ModelCheck installed;

    void install(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Optional<DeploymentGuard> guard = kernel.engine().flatMap(RunningEngine::deploymentGuard);
        if (guard.isEmpty()) {
            LOG.warn("model_validation_not_installed").with("reason", "the kernel's engine is not running").log();
            return;
        }
        ValidationSettings settings = ValidationSettings.from(key -> config.getOptionalValue(key, String.class));
        ModelCheck check = validating(new BpmnValidator(settings));
        guard.get().install(check);
        installedIn = guard.get();
        installed = check;
        LOG.info("model_validation_installed")
                .with("max_bytes", settings.maxBytes())
                .with("max_elements", settings.maxElements())
                .with("max_states", settings.maxStates())
                .with("require_metadata", settings.requireMetadata())
                .log();
        kernel.engine().ifPresent(engine -> reportDeployedBefore(engine.engine().getRepositoryService(), new BpmnValidator(settings)));
    }

    /**
     * The kernel deploys its BPMN set (and an operator's processes folder) before this module starts:
     * those models are validated now, and a model with errors is reported (it was deployed; the
     * guard's own rules still held) so an operator sees it at every boot.
     */
    static int reportDeployedBefore(RepositoryService repository, BpmnValidator validator) {
        int withErrors = 0;
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            byte[] xml;
            try (InputStream in = repository.getProcessModel(definition.getId())) {
                xml = in.readAllBytes();
            } catch (IOException | RuntimeException e) {
                continue;
            }
            List<Finding> errors = validator.validate(xml).findings().stream().filter(Finding::blocks).toList();
            if (!errors.isEmpty()) {
                withErrors++;
                LOG.warn("deployed_model_invalid").with("definition_id", definition.getId())
                        .with("findings", errors.stream().map(Finding::toString).toList()).log();
            }
        }
        return withErrors;
    }

    @PreDestroy
    void remove() {
        DeploymentGuard guard = installedIn;
        if (guard != null) {
            guard.remove(installed);
        }
    }

    /** The validator as a guard check: every finding becomes a guard finding of the same severity. */
    static ModelCheck validating(BpmnValidator validator) {
        return (resourceName, content) -> validator.validate(content).findings().stream()
                .map(ModelValidationGate::toGuardFinding).toList();
    }

    static GuardFinding toGuardFinding(Finding finding) {
        return new GuardFinding(GuardRule.VALIDATION,
                finding.blocks() ? GuardFinding.Severity.ERROR : GuardFinding.Severity.WARNING,
                finding.elementId(), finding.rule() + ": " + finding.message(), 0, 0);
    }
}
