package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.das.validation.Models.bytes;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

class MetadataAndHashTest {

    private final BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);

    private static String withoutMetadata() {
        return Models.CLEAN.replace("<camunda:property name=\"procos.domain\" value=\"test\"/>", "")
                .replace("<camunda:property name=\"procos.intent\" value=\"Test the validator\"/>", "");
    }

    private static BpmnModelInstance stamped(String document) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(bytes(document)));
        ValidationHash.stamp(model);
        return model;
    }

    @Test
    void missingMetadataIsAWarningNamingTheKeys() {
        ValidationReport report = validator.validate(bytes(withoutMetadata()));

        assertThat(report.findings(Rules.METADATA_MISSING)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("test_process");
            assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(finding.message()).contains("procos.intent").contains("procos.domain").doesNotContain("procos.kind");
        });
    }

    @Test
    void missingMetadataIsAnErrorWhenRequired() {
        BpmnValidator strict = new BpmnValidator(new ValidationSettings(1 << 20, 5_000, 100_000, true));

        assertThat(strict.validate(bytes(withoutMetadata())).findings(Rules.METADATA_MISSING)).singleElement()
                .satisfies(finding -> assertThat(finding.blocks()).isTrue());
    }

    @Test
    void aStampedModelPassesAndItsHashIsTheReportedOne() {
        BpmnModelInstance model = stamped(Models.CLEAN);

        ValidationReport report = validator.validate(bytes(Bpmn.convertToString(model)));

        assertThat(report.findings()).isEmpty();
        assertThat(report.validationHash()).isEqualTo(ValidationHash.compute(model))
                .isEqualTo(validator.validate(bytes(Models.CLEAN)).validationHash());
    }

    @Test
    void changingTheModelAfterStampingIsAHashMismatch() {
        BpmnModelInstance model = stamped(Models.CLEAN);
        UserTask task = model.getModelElementById("check");
        task.setCamundaAssignee("mallory");

        ValidationReport report = validator.validate(bytes(Bpmn.convertToString(model)));

        assertThat(report.findings(Rules.METADATA_HASH_MISMATCH)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("test_process");
            assertThat(finding.blocks()).isTrue();
        });
    }

    @Test
    void tamperingWithTheTextIsAHashMismatch() {
        String document = Bpmn.convertToString(stamped(Models.CLEAN)).replace("Check invoice", "Pay invoice");

        assertThat(validator.validate(bytes(document)).findings(Rules.METADATA_HASH_MISMATCH)).hasSize(1);
    }

    @Test
    void layoutAndFormattingDoNotChangeTheHash() {
        String plain = Models.CLEAN;
        String withDiagram = plain.replace("</bpmn:definitions>", """
                  <bpmndi:BPMNDiagram id="diagram">
                    <bpmndi:BPMNPlane id="plane" bpmnElement="test_process">
                      <bpmndi:BPMNShape id="check_shape" bpmnElement="check">
                        <dc:Bounds x="100" y="80" width="100" height="80"/>
                      </bpmndi:BPMNShape>
                    </bpmndi:BPMNPlane>
                  </bpmndi:BPMNDiagram>
                </bpmn:definitions>""");
        String moved = withDiagram.replace("x=\"100\"", "x=\"420\"").replace("    ", "  ");

        String hash = validator.validate(bytes(plain)).validationHash();

        assertThat(validator.validate(bytes(withDiagram)).validationHash()).isEqualTo(hash);
        assertThat(validator.validate(bytes(moved)).validationHash()).isEqualTo(hash);
        assertThat(validator.validate(bytes(plain.replace("Check invoice", "Check bill"))).validationHash()).isNotEqualTo(hash);
    }
}
