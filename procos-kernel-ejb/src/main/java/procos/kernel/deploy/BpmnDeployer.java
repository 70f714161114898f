package procos.kernel.deploy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.xml.sax.SAXParseException;
import procos.logging.StructuredLogger;

/**
 * Deploys the BPMN set, one deployment per file, with Camunda's duplicate filtering: a file that did
 * not change deploys nothing, a changed file becomes a new version of its process, and a broken file
 * is refused on its own — with its name, line and reason — without touching any other process or
 * any version already deployed.
 */
public class BpmnDeployer {

    /** Files over this size are refused before parsing: a BPMN model this large is a mistake or an attack. */
    public static final int MAX_RESOURCE_BYTES = 10 * 1024 * 1024;

    /** Deployment source recorded on every deployment the kernel makes. */
    public static final String SOURCE = "procos-kernel";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("deployer");

    private final RepositoryService repositoryService;
    private final Runnable onNewDeployment;

    public BpmnDeployer(RepositoryService repositoryService, Runnable onNewDeployment) {
        this.repositoryService = repositoryService;
        this.onNewDeployment = onNewDeployment;
    }

    /** The deployment name a file is tracked under; duplicate filtering compares within one name. */
    public static String deploymentName(String resourceName) {
        return "procos:" + resourceName;
    }

    public DeploymentReport deploy(Map<String, byte[]> resources) {
        List<String> deployed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<DeploymentReport.Failure> failed = new ArrayList<>();
        resources.forEach((name, bytes) -> {
            String refusal = refusal(bytes);
            if (refusal != null) {
                failed.add(failure(name, refusal));
                return;
            }
            try {
                DeploymentWithDefinitions deployment = repositoryService.createDeployment()
                        .name(deploymentName(name))
                        .source(SOURCE)
                        .enableDuplicateFiltering(true)
                        .addInputStream(name, new ByteArrayInputStream(bytes))
                        .deployWithResult();
                if (deployment.getDeployedProcessDefinitions() == null
                        || deployment.getDeployedProcessDefinitions().isEmpty()) {
                    unchanged.add(name);
                } else {
                    deployed.add(name);
                    onNewDeployment.run();
                    LOG.info("bpmn_deployed")
                            .with("resource", name)
                            .with("deployment_id", deployment.getId())
                            .with("process_definitions", deployment.getDeployedProcessDefinitions().stream()
                                    .map(definition -> definition.getKey() + ":" + definition.getVersion()).toList())
                            .log();
                }
            } catch (ParseException e) {
                failed.add(failure(name, describe(e)));
            } catch (ProcessEngineException e) {
                failed.add(failure(name, withXmlPosition(e)));
            }
        });
        return new DeploymentReport(deployed, unchanged, failed);
    }

    private static String refusal(byte[] bytes) {
        if (bytes.length == 0) {
            return "file is empty";
        }
        if (bytes.length > MAX_RESOURCE_BYTES) {
            return "file is " + bytes.length + " bytes, over the " + MAX_RESOURCE_BYTES + "-byte limit";
        }
        return null;
    }

    private static DeploymentReport.Failure failure(String name, String reason) {
        LOG.error("bpmn_rejected").with("resource", name).with("reason", reason).log();
        return new DeploymentReport.Failure(name, reason);
    }

    /** The parser's own findings, with line and column, instead of its long generic message. */
    private static String describe(ParseException e) {
        String findings = e.getResorceReports().stream()
                .flatMap(report -> report.getErrors().stream())
                .map(BpmnDeployer::describe)
                .collect(Collectors.joining("; "));
        return findings.isEmpty() ? withXmlPosition(e) : findings;
    }

    /** A file that is not even well-formed XML: the XML parser knows where it stopped. */
    private static String withXmlPosition(ProcessEngineException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SAXParseException position) {
                return "line " + position.getLineNumber() + ", column " + position.getColumnNumber() + ": "
                        + position.getMessage();
            }
        }
        return e.getMessage();
    }

    private static String describe(Problem problem) {
        StringBuilder text = new StringBuilder();
        if (problem.getLine() > 0) {
            text.append("line ").append(problem.getLine()).append(", column ").append(problem.getColumn()).append(": ");
        }
        text.append(problem.getMessage());
        if (problem.getMainElementId() != null) {
            text.append(" (element ").append(problem.getMainElementId()).append(')');
        }
        return text.toString();
    }
}
