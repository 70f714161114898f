package procos.das.generation.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import procos.das.generation.context.GenerationContext.Pattern;
import procos.das.generation.description.DescriptionJson;
import procos.das.generation.description.ProcessDescription;

/** The built-in pattern library and how a library file is checked. */
class PatternLibraryTest {

    @Test
    void everyBuiltInPatternHasAnExampleThatReadsAsADescription() throws Exception {
        PatternLibrary library = PatternLibrary.builtIn();

        assertThat(library.patterns()).hasSize(10).extracting(Pattern::name).doesNotHaveDuplicates().contains(
                "Approval with escalation", "Order to cash", "Request and fulfil with rework", "Scheduled report",
                "Parallel review", "Retry with limit", "Wait for reply with timeout", "Onboarding checklist",
                "Incident handling", "Four-eyes payment");
        for (Pattern pattern : library.patterns()) {
            ProcessDescription example = DescriptionJson.read(pattern.exampleJson());
            assertThat(example.steps()).as(pattern.name()).isNotEmpty();
            assertThat(pattern.whenToUse()).as(pattern.name()).isNotBlank();
        }
    }

    @Test
    void aPatternWithAnInvalidExampleIsRefusedByName() {
        String json = """
                {"patterns": [{"name": "Broken", "whenToUse": "never",
                  "example": {"name": "X", "steps": [{"type": "script", "name": "Run"}]}}]}""";

        assertThatThrownBy(() -> PatternLibrary.read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pattern 0 'Broken' has an invalid example: $.steps[0]");
    }

    @Test
    void aPatternWithoutItsUseOrWithUnknownFieldsIsRefused() {
        assertThatThrownBy(() -> PatternLibrary.read("{\"patterns\": [{\"name\": \"A\", \"example\": {\"name\": \"A\"}}]}"))
                .hasMessage("pattern 0 'A' does not say when to use it");
        assertThatThrownBy(() -> PatternLibrary.read("{\"patterns\": [{\"name\": \"A\", \"whenToUse\": \"x\", \"xml\": \"<a/>\"}]}"))
                .hasMessageContaining("\"xml\"");
        assertThatThrownBy(() -> PatternLibrary.read("{\"patterns\": []}")).hasMessage("pattern library holds no patterns");
    }
}
