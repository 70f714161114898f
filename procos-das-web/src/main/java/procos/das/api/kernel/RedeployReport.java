package procos.das.api.kernel;

import java.util.List;
import procos.kernel.deploy.DeploymentReport;

/**
 * What a redeployment of the BPMN set did, file by file.
 *
 * @param deployed  files that became a new version
 * @param unchanged files identical to what was deployed
 * @param failed    files refused, each as {@code file: reason}
 */
public record RedeployReport(List<String> deployed, List<String> unchanged, List<String> failed) {

    public static RedeployReport of(DeploymentReport report) {
        return new RedeployReport(report.deployed(), report.unchanged(),
                report.failed().stream().map(DeploymentReport.Failure::toString).toList());
    }
}
