package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.das.validation.Models.bytes;
import static procos.das.validation.Models.conditional;
import static procos.das.validation.Models.flow;
import static procos.das.validation.Models.task;

import org.junit.jupiter.api.Test;

class GatewayRulesTest {

    private final BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);

    /** start → "Amount high?" → approve (amount > 1000) | pay (amount <= 1000) → join → end, with or without a default. */
    private static String choice(String gatewayAttributes, String secondFlow) {
        return """
                <bpmn:startEvent id="start" name="Invoice received"/>
                %s
                <bpmn:exclusiveGateway id="amount_high" name="Amount high?" %s/>
                %s
                %s
                %s %s
                <bpmn:exclusiveGateway id="join"/>
                %s %s %s
                <bpmn:endEvent id="end" name="Invoice handled"/>
                """.formatted(flow("f1", "start", "amount_high"), gatewayAttributes,
                conditional("to_approve", "amount_high", "approve", "amount > 1000"), secondFlow,
                task("approve", "Approve invoice"), task("pay", "Pay invoice"),
                flow("f4", "approve", "join"), flow("f5", "pay", "join"), flow("f6", "join", "end"));
    }

    @Test
    void aMissingDefaultIsAnErrorInGeneratedModelsAndAWarningOtherwise() {
        String body = choice("", conditional("to_pay", "amount_high", "pay", "amount le 1000"));

        ValidationReport generated = validator.validate(bytes(Models.generated(body)));
        ValidationReport external = validator.validate(bytes(Models.external(body)));

        assertThat(generated.findings(Rules.GATEWAY_DEFAULT_MISSING)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("amount_high");
            assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR);
        });
        assertThat(external.findings(Rules.GATEWAY_DEFAULT_MISSING)).singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING));
        assertThat(external.passes()).isTrue();
    }

    @Test
    void aDefaultFlowNeedsNoCondition() {
        ValidationReport report = validator.validate(bytes(Models.generated(
                choice("default=\"to_pay\"", flow("to_pay", "amount_high", "pay")))));

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void aFlowWithoutConditionThatIsNotTheDefaultIsNamed() {
        ValidationReport report = validator.validate(bytes(Models.generated(choice("", flow("to_pay", "amount_high", "pay")))));

        assertThat(report.findings(Rules.GATEWAY_CONDITION_MISSING)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("to_pay");
            assertThat(finding.blocks()).isTrue();
        });
    }

    @Test
    void aGatewayThatJoinsAndSplitsIsMixed() {
        ValidationReport report = validator.validate(bytes(Models.generated("""
                <bpmn:startEvent id="start" name="Order received"/>
                <bpmn:parallelGateway id="split"/>
                <bpmn:parallelGateway id="mixed"/>
                %s %s %s %s %s %s %s %s %s %s
                <bpmn:endEvent id="end" name="Order shipped"/>
                <bpmn:endEvent id="end_2" name="Order billed"/>
                """.formatted(flow("f1", "start", "split"), flow("f2", "split", "pack"), flow("f3", "split", "bill"),
                task("pack", "Pack order"), task("bill", "Bill order"), flow("f4", "pack", "mixed"), flow("f5", "bill", "mixed"),
                flow("f6", "mixed", "end"), flow("f7", "mixed", "end_2"), ""))));

        assertThat(report.findings(Rules.GATEWAY_DEGREE)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("mixed");
            assertThat(finding.blocks()).isTrue();
        });
    }
}
