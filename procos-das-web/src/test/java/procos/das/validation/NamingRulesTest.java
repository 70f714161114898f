package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.das.validation.Models.bytes;
import static procos.das.validation.Models.conditional;
import static procos.das.validation.Models.flow;
import static procos.das.validation.Models.task;

import org.junit.jupiter.api.Test;

class NamingRulesTest {

    private final BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);

    private ValidationReport named(String startName, String taskName, String gatewayName, String endName) {
        return validator.validate(bytes(Models.generated("""
                <bpmn:startEvent id="start" name="%s"/>
                %s %s %s
                <bpmn:exclusiveGateway id="decide" name="%s" default="to_end"/>
                %s %s
                <bpmn:endEvent id="end" name="%s"/>
                """.formatted(startName, flow("f1", "start", "work"), task("work", taskName), flow("f2", "work", "decide"),
                gatewayName, flow("to_end", "decide", "end"), conditional("again", "decide", "work", "retry"), endName))));
    }

    @Test
    void conventionalNamesGiveNoWarning() {
        assertThat(named("Invoice received", "Scan invoice", "Invoice correct?", "Invoice paid").findings()).isEmpty();
    }

    @Test
    void anActivityNamedAsANounIsWarned() {
        ValidationReport report = named("Invoice received", "Customer data", "Invoice correct?", "Invoice paid");

        assertThat(report.findings(Rules.NAMING_ACTIVITY)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("work");
            assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
        });
        assertThat(report.passes()).isTrue();
    }

    @Test
    void anEventNamedAsAnActionIsWarned() {
        assertThat(named("Receive invoice", "Scan invoice", "Invoice correct?", "Invoice paid").findings(Rules.NAMING_EVENT))
                .singleElement().satisfies(finding -> assertThat(finding.elementId()).isEqualTo("start"));
    }

    @Test
    void aDecidingGatewayWithoutQuestionIsWarned() {
        assertThat(named("Invoice received", "Scan invoice", "Check correctness", "Invoice paid").findings(Rules.NAMING_GATEWAY))
                .singleElement().satisfies(finding -> assertThat(finding.elementId()).isEqualTo("decide"));
    }

    @Test
    void anUnnamedActivityIsWarned() {
        assertThat(named("Invoice received", "", "Invoice correct?", "Invoice paid").findings(Rules.NAMING_ACTIVITY))
                .singleElement().satisfies(finding -> assertThat(finding.message()).contains("has no name"));
    }
}
