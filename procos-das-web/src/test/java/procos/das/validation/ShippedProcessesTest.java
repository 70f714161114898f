package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model ProcOS ships passes its own gate. */
class ShippedProcessesTest {

    private static final Path SHIPPED = Path.of("../procos-processes/src/main/resources/processes");

    static List<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            List<Path> models = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
            assertThat(models).as("shipped models under " + SHIPPED.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(5);
            return models;
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void hasNoError(Path model) throws IOException {
        ValidationReport report = new BpmnValidator(ValidationSettings.DEFAULTS).validate(Files.readAllBytes(model));

        assertThat(report.findings()).filteredOn(Finding::blocks).isEmpty();
        assertThat(report.model()).isNotNull();
    }
}
