package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskTypeCatalogTest {

    @RegisterExtension
    final CapturedPoolLog log = new CapturedPoolLog();

    private final TaskTypeCatalog catalog = TaskTypeCatalog.of(List.of(
            new TaskTypeConfig("http.get", List.of("url"), List.of("status"), true, true),
            new TaskTypeConfig("mail.send", List.of("to", "subject"), List.of("message_id"), false, false)));

    @Test
    void aDescribedTaskTypeAnswersWithItsDescription() {
        assertThat(catalog.requiredInputs("http.get")).containsExactly("url");
        assertThat(catalog.requiredOutputs("http.get")).containsExactly("status");
        assertThat(catalog.isDeterministic("http.get")).isTrue();
        assertThat(catalog.isIdempotent("http.get")).isTrue();
        assertThat(catalog.isIdempotent("mail.send")).isFalse();
        assertThat(catalog.find("mail.send")).map(TaskTypeConfig::requiredInputs).contains(List.of("to", "subject"));
    }

    @Test
    void anUndescribedTaskTypeRequiresNothingAndPromisesNothing() {
        assertThat(catalog.find("unknown")).isEmpty();
        assertThat(catalog.describe("unknown")).isEqualTo(TaskTypeConfig.undescribed("unknown"));
        assertThat(catalog.requiredInputs("unknown")).isEmpty();
        assertThat(catalog.isDeterministic("unknown")).isFalse();
        assertThat(catalog.isIdempotent("unknown")).isFalse();
    }

    @Test
    void itKeepsTheConfigurationOrder() {
        assertThat(catalog.taskTypes()).containsExactly("http.get", "mail.send");
    }

    @Test
    void itIsBuiltFromTheLoadedExample() throws Exception {
        PdeManagerConfig config = PoolYaml.load(new String(
                TaskTypeCatalogTest.class.getResourceAsStream("/procos/pde/pde-manager.example.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8), PoolYaml.EXAMPLE_ENV);

        TaskTypeCatalog fromConfig = TaskTypeCatalog.from(config);

        assertThat(fromConfig.requiredInputs("mail.send")).containsExactly("to", "subject");
        assertThat(fromConfig.isDeterministic("summarize")).isFalse();
    }

    @Test
    void twoDescriptionsOfOneTaskTypeAreRejected() {
        TaskTypeConfig echo = TaskTypeConfig.undescribed("echo");
        assertThatThrownBy(() -> TaskTypeCatalog.of(List.of(echo, echo))).isInstanceOf(IllegalArgumentException.class);
    }
}
