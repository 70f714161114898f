package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The validator over real-world models from public collections (see the README next to them). */
class CorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/validation/corpus");
    private static final Path CAMUNDA = CORPUS.resolve("camunda-bpm-examples");

    private final BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            List<Path> models = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
            assertThat(models).hasSizeGreaterThanOrEqualTo(24);
            return models;
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyModelParsesAndTheReportIsDeterministic(Path file) throws IOException {
        byte[] xml = Files.readAllBytes(file);

        ValidationReport first = validator.validate(xml);
        ValidationReport second = validator.validate(xml);

        assertThat(first.model()).as("parsed").isNotNull();
        assertThat(first.findings()).noneMatch(finding -> finding.rule().startsWith("xml.") || finding.rule().equals(Rules.BPMN_UNPARSEABLE));
        assertThat(second.findings()).isEqualTo(first.findings());
        assertThat(second.validationHash()).isEqualTo(first.validationHash());
    }

    private ValidationReport validate(String file) throws IOException {
        return validator.validate(Files.readAllBytes(CAMUNDA.resolve(file)));
    }

    private static List<String> soundness(ValidationReport report) {
        return report.findings().stream().filter(finding -> finding.rule().startsWith("soundness.")).map(Finding::toString).toList();
    }

    /** Inspected by hand: an exclusive fork and join around two tasks. */
    @Test
    void theModelApiExampleIsSound() throws IOException {
        ValidationReport report = validate("bpmn-model-api__parse-bpmn__process.bpmn");

        assertThat(soundness(report)).isEmpty();
        assertThat(report.passes()).isTrue();
    }

    /** Inspected by hand: an embedded subprocess with a boundary event leading to its own end event. */
    @Test
    void theOrderHandlingExampleWithSubprocessesIsSound() throws IOException {
        ValidationReport report = validate("clients__java__order-handling__order-handling.bpmn");

        assertThat(soundness(report)).isEmpty();
        assertThat(report.passes()).isTrue();
    }

    /** Inspected by hand: user tasks with two boundary events leading to their own end events. */
    @Test
    void theInvoicePaymentExampleWithBoundaryEventsIsSound() throws IOException {
        assertThat(soundness(validate("usertask__task-form-embedded-bpmn-events__invoicePayment.bpmn"))).isEmpty();
    }

    /** Inspected by hand: approve or reject a tweet, joined exclusively. */
    @Test
    void theTwitterExampleIsSoundAndItsMissingDefaultIsOnlyAWarning() throws IOException {
        ValidationReport report = validate("spring-boot-starter__example-twitter__TwitterDemoProcess.bpmn");

        assertThat(soundness(report)).isEmpty();
        assertThat(report.findings(Rules.GATEWAY_DEFAULT_MISSING)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("gateway_approved");
            assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
        });
    }

    /** The same real model with its exclusive join turned into a parallel join: the join now deadlocks. */
    @Test
    void theTwitterExampleWithAParallelJoinDeadlocksAtTheJoin() throws IOException {
        String xml = Files.readString(CAMUNDA.resolve("spring-boot-starter__example-twitter__TwitterDemoProcess.bpmn"), StandardCharsets.UTF_8)
                .replace("<exclusiveGateway id=\"gateway_join\"", "<parallelGateway id=\"gateway_join\"")
                .replaceFirst("(<parallelGateway id=\"gateway_join\"[^>]*>[^<]*(?:<(?!/exclusiveGateway)[^<]*)*)</exclusiveGateway>", "$1</parallelGateway>");
        assertThat(xml).contains("<parallelGateway id=\"gateway_join\"");

        ValidationReport report = validator.validate(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(report.findings(Rules.SOUNDNESS_DEADLOCK)).singleElement()
                .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("gateway_join"));
        assertThat(report.passes()).isFalse();
    }

    /** Inspected by hand: the loan-granting external task example (decision and user task) is sound. */
    @Test
    void theLoanGrantingExampleIsSound() throws IOException {
        assertThat(soundness(validate("spring-boot-starter__external-task-client__loan-granting-spring-boot-webapp__bpmn__loan-granting.bpmn"))).isEmpty();
    }
}
