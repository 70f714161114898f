package procos.kernel.deploy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ResourceReport;
import org.junit.jupiter.api.Test;
import procos.kernel.deploy.guard.GuardFinding.Severity;

class DeploymentRefusedExceptionTest {

    private static final GuardFinding SCRIPT = new GuardFinding(GuardRule.SCRIPT, Severity.ERROR, "run", "runs a script", 4, 7);
    private static final GuardFinding ALLOWED = new GuardFinding(GuardRule.JAVA_CLASS, Severity.WARNING, "delegate", "allowed", 9, 2);

    @Test
    void everyResourceWithFindingsHasItsOwnReportWithErrorsAndWarningsApart() {
        DeploymentRefusedException refusal = new DeploymentRefusedException(new TreeMap<>(Map.of(
                "a.bpmn", List.of(SCRIPT, ALLOWED), "b.bpmn", List.of(SCRIPT))));

        assertThat(refusal.getResorceReports()).extracting(ResourceReport::getResourceName).containsExactly("a.bpmn", "b.bpmn");
        assertThat(refusal.getResorceReports().get(0).getErrors()).containsExactly(SCRIPT);
        assertThat(refusal.getResorceReports().get(0).getWarnings()).containsExactly(ALLOWED);
        assertThat(refusal.getResorceReports().get(1).getErrors()).containsExactly(SCRIPT);
        assertThat(refusal).hasMessage("Deployment refused by the deployment guard: "
                + "a.bpmn: script at element 'run' (line 4, column 7): runs a script; "
                + "b.bpmn: script at element 'run' (line 4, column 7): runs a script");
    }

    @Test
    void theMessageQuotesTenFindingsAndCountsTheRest() {
        DeploymentRefusedException refusal = new DeploymentRefusedException(Map.of("many.bpmn", Collections.nCopies(13, SCRIPT)));

        assertThat(refusal.getMessage()).endsWith("; and 3 more");
        assertThat(refusal.getResorceReports().get(0).getErrors()).hasSize(13);
    }
}
