package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.pde.pipeline.Fixtures.context;
import static procos.pde.pipeline.Fixtures.ok;
import static procos.pde.pipeline.Fixtures.spec;
import static procos.pde.pipeline.Fixtures.struct;

import java.util.List;
import org.junit.jupiter.api.Test;
import procos.pde.v1.Constraints;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Finding;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Severity;
import procos.pde.v1.TaskSpec;

class ValidateBlockTest {

    private final ScriptedRules rules = new ScriptedRules();
    private final ValidateBlock validate = new ValidateBlock(rules);

    private List<Finding> validate(TaskSpec.Builder spec, InvokeResponse response) {
        return validate.validate(context(spec), response);
    }

    @Test
    void cleanAnswerHasNoFindings() {
        List<Finding> findings = validate(spec("t-1", "echo"), ok(struct("x", 1), 0.99));
        assertThat(findings).isEmpty();
        assertThat(ValidateBlock.acceptable(findings)).isTrue();
    }

    @Test
    void endpointErrorBecomesAnErrorFinding() {
        InvokeResponse response = InvokeResponse.newBuilder()
                .setError(ErrorDetail.newBuilder().setCode("UPSTREAM_DOWN").setMessage("ERP not reachable")).build();
        List<Finding> findings = validate(spec("t-1", "echo"), response);
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.getRule()).isEqualTo("endpoint_error");
            assertThat(finding.getSeverity()).isEqualTo(Severity.ERROR);
            assertThat(finding.getMessage()).contains("UPSTREAM_DOWN").contains("ERP not reachable");
        });
        assertThat(ValidateBlock.acceptable(findings)).isFalse();
    }

    @Test
    void errorWithoutCodeIsNotAnEndpointError() {
        InvokeResponse response = InvokeResponse.newBuilder().setOutputs(struct("x", 1))
                .setError(ErrorDetail.getDefaultInstance()).build();
        assertThat(validate(spec("t-1", "echo"), response)).isEmpty();
    }

    @Test
    void missingRequiredOutputIsAnErrorNamingIt() {
        rules.requireOutputs("invoice.extract", "total", "currency");
        List<Finding> findings = validate(spec("t-1", "invoice.extract"), ok(struct("currency", "EUR")));
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.getRule()).isEqualTo("required_output");
            assertThat(finding.getSeverity()).isEqualTo(Severity.ERROR);
            assertThat(finding.getFieldPath()).isEqualTo("outputs.total");
            assertThat(finding.getMessage()).contains("total");
        });
        assertThat(ValidateBlock.acceptable(findings)).isFalse();
    }

    @Test
    void everyMissingRequiredOutputIsReported() {
        rules.requireOutputs("invoice.extract", "total", "currency");
        assertThat(validate(spec("t-1", "invoice.extract"), ok(struct())))
                .extracting(Finding::getFieldPath).containsExactlyInAnyOrder("outputs.total", "outputs.currency");
    }

    @Test
    void outputsOverMaxOutputBytesAreAnError() {
        InvokeResponse response = ok(struct("text", "y".repeat(200)));
        List<Finding> findings = validate(spec("t-1", "echo")
                .setConstraints(Constraints.newBuilder().setMaxOutputBytes(100)), response);
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.getRule()).isEqualTo("max_output_bytes");
            assertThat(finding.getSeverity()).isEqualTo(Severity.ERROR);
            assertThat(finding.getFieldPath()).isEqualTo("outputs");
            assertThat(finding.getMessage()).contains("100-byte limit");
        });
    }

    @Test
    void outputsExactlyAtMaxOutputBytesAreFine() {
        InvokeResponse response = ok(struct("text", "y".repeat(200)));
        long size = response.getOutputs().getSerializedSize();
        assertThat(validate(spec("t-1", "echo").setConstraints(Constraints.newBuilder().setMaxOutputBytes(size)), response)).isEmpty();
    }

    @Test
    void withoutMaxOutputBytesTheDefaultFourMegabytesApply() {
        assertThat(validate(spec("t-1", "echo"), ok(struct("text", "y".repeat(10_000))))).isEmpty();
        InvokeResponse huge = ok(struct("text", "y".repeat(4 * 1024 * 1024 + 1)));
        assertThat(validate(spec("t-2", "echo"), huge)).extracting(Finding::getRule).containsExactly("max_output_bytes");
    }

    @Test
    void lowConfidenceIsAWarningNotAnError() {
        List<Finding> findings = validate(spec("t-1", "echo")
                .setConstraints(Constraints.newBuilder().setConfidenceThreshold(0.9)), ok(struct("x", 1), 0.5));
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.getRule()).isEqualTo("confidence_threshold");
            assertThat(finding.getSeverity()).isEqualTo(Severity.WARNING);
        });
        assertThat(ValidateBlock.acceptable(findings)).isTrue();
    }

    @Test
    void confidenceAtTheThresholdIsFine() {
        assertThat(validate(spec("t-1", "echo").setConstraints(Constraints.newBuilder().setConfidenceThreshold(0.9)),
                ok(struct("x", 1), 0.9))).isEmpty();
    }

    @Test
    void withoutThresholdOrConfidenceNoConfidenceFinding() {
        assertThat(validate(spec("t-1", "echo"), ok(struct("x", 1), 0.01))).isEmpty();
        assertThat(validate(spec("t-2", "echo").setConstraints(Constraints.newBuilder().setConfidenceThreshold(0.9)),
                ok(struct("x", 1)))).isEmpty();
    }

    @Test
    void endpointsOwnFindingsAreKept() {
        Finding own = Finding.newBuilder().setRule("self.check").setSeverity(Severity.INFO).setMessage("looks fine").build();
        InvokeResponse response = ok(struct("x", 1)).toBuilder().addFindings(own).build();
        assertThat(validate(spec("t-1", "echo"), response)).containsExactly(own);
    }

    @Test
    void endpointsOwnErrorFindingMakesTheAnswerUnacceptable() {
        Finding own = Finding.newBuilder().setRule("self.check").setSeverity(Severity.ERROR).setMessage("sum mismatch").build();
        InvokeResponse response = ok(struct("x", 1)).toBuilder().addFindings(own).build();
        assertThat(ValidateBlock.acceptable(validate(spec("t-1", "echo"), response))).isFalse();
    }

    @Test
    void onlyErrorSeverityIsAnError() {
        for (Severity severity : new Severity[] {Severity.SEVERITY_UNSPECIFIED, Severity.INFO, Severity.WARNING}) {
            Finding finding = Finding.newBuilder().setSeverity(severity).build();
            assertThat(ValidateBlock.isError(finding)).as(severity.name()).isFalse();
            assertThat(ValidateBlock.acceptable(List.of(finding))).as(severity.name()).isTrue();
        }
        assertThat(ValidateBlock.isError(Finding.newBuilder().setSeverity(Severity.ERROR).build())).isTrue();
    }
}
