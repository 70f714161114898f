package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeXmlTest {

    private final BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);

    private static byte[] bad(String file) throws IOException {
        try (InputStream in = SafeXmlTest.class.getResourceAsStream("/validation/bad/" + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }

    private ValidationReport refused(byte[] xml, String rule) {
        ValidationReport report = validator.validate(xml);
        assertThat(report.passes()).isFalse();
        assertThat(report.model()).isNull();
        assertThat(report.validationHash()).isNull();
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(rule);
            assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR);
        });
        return report;
    }

    @Test
    void anExternalFileEntityIsRefusedAndNeverRead() throws IOException {
        ValidationReport report = refused(bad("xxe-file.bpmn"), Rules.XML_UNSAFE);
        assertThat(report.findings().get(0).message()).contains("DOCTYPE").contains("line 2").doesNotContain("root:");
    }

    @Test
    void anExternalDtdOverHttpIsRefused() throws IOException {
        refused(bad("xxe-http.bpmn"), Rules.XML_UNSAFE);
    }

    @Test
    void billionLaughsIsRefusedWithoutExpandingAnything() throws IOException {
        refused(bad("billion-laughs.bpmn"), Rules.XML_UNSAFE);
    }

    @Test
    void anyDoctypeIsRefused() throws IOException {
        refused(bad("doctype.bpmn"), Rules.XML_UNSAFE);
    }

    @Test
    void anUndeclaredEntityReferenceIsRefused() throws IOException {
        assertThat(validator.validate(bad("undeclared-entity.bpmn")).findings())
                .singleElement().satisfies(finding -> assertThat(finding.rule()).isIn(Rules.XML_UNSAFE, Rules.XML_MALFORMED));
    }

    @Test
    void malformedXmlIsReportedWithLineAndColumn() throws IOException {
        ValidationReport report = refused(bad("malformed.bpmn"), Rules.XML_MALFORMED);
        assertThat(report.findings().get(0).message()).contains("line 5, column").contains("startEvent");
    }

    @Test
    void anEmptyFileIsMalformed() {
        assertThat(refused(new byte[0], Rules.XML_MALFORMED).findings().get(0).message()).contains("empty");
        refused(null, Rules.XML_MALFORMED);
    }

    @Test
    void aFileAboveTheByteLimitIsRefusedBeforeParsing() {
        byte[] huge = ("<definitions>" + "<!-- padding -->".repeat(400_000) + "</definitions>").getBytes(StandardCharsets.UTF_8);
        assertThat(huge.length).isGreaterThan(ValidationSettings.DEFAULTS.maxBytes());

        assertThat(refused(huge, Rules.XML_TOO_LARGE).findings().get(0).message()).contains(String.valueOf(huge.length));
    }

    @Test
    void aFileWithTooManyElementsIsRefused() {
        BpmnValidator strict = new BpmnValidator(new ValidationSettings(1 << 20, 50, 1_000, false));
        byte[] many = ("<definitions>" + "<documentation/>".repeat(60) + "</definitions>").getBytes(StandardCharsets.UTF_8);

        assertThat(strict.validate(many).findings()).singleElement()
                .satisfies(finding -> assertThat(finding.rule()).isEqualTo(Rules.XML_TOO_LARGE));
    }

    @Test
    void anIdThatIsNotAnNcNameIsNamed() {
        ValidationReport report = validator.validate(Models.bytes(Models.CLEAN.replace("id=\"check\"", "id=\"1 check\"")));

        assertThat(report.findings(Rules.ID_INVALID)).singleElement()
                .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("1 check"));
        assertThat(report.passes()).isFalse();
    }

    @Test
    void somethingThatIsXmlButNotBpmnIsReportedByCamundasParser() {
        ValidationReport report = validator.validate("<note><to>you</to></note>".getBytes(StandardCharsets.UTF_8));

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rules.BPMN_UNPARSEABLE);
            assertThat(finding.message()).startsWith("Camunda's BPMN parser refused the model");
        });
    }

    @Test
    void aCleanModelPassesWithoutFindings() {
        ValidationReport report = validator.validate(Models.bytes(Models.CLEAN));

        assertThat(report.findings()).isEmpty();
        assertThat(report.passes()).isTrue();
        assertThat(report.model()).isNotNull();
        assertThat(report.validationHash()).hasSize(64);
    }
}
