package procos.das.generation.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import procos.kernel.config.ConfigProblem;
import procos.kernel.config.InvalidSettingsException;

/** Reading the context settings. */
class ContextSettingsTest {

    @Test
    void unsetSettingsAreTheDefaultsAndSetOnesAreRead() throws Exception {
        assertThat(ContextSettings.from(key -> Optional.empty())).isEqualTo(ContextSettings.DEFAULTS);

        ContextSettings read = ContextSettings.from(lookup(Map.of(ContextSettings.PATTERNS, " 2 ",
                ContextSettings.MIN_PROCESS_SIMILARITY, "0.65", ContextSettings.MAX_CHARS, "8000")));

        assertThat(read).isEqualTo(new ContextSettings(2, 3, 3, 0.65, 500, 8_000));
    }

    @Test
    void everyInvalidSettingIsReportedByName() {
        InvalidSettingsException invalid = catchThrowableOfType(InvalidSettingsException.class,
                () -> ContextSettings.from(lookup(Map.of(ContextSettings.PATTERNS, "many",
                        ContextSettings.MIN_PROCESS_SIMILARITY, "1.5", ContextSettings.PASSAGE_CHARS, "10"))));

        assertThat(invalid.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "procos.generation.context.patterns='many': not a whole number",
                "procos.generation.context.min-process-similarity='1.5': must be between -1 and 1",
                "procos.generation.context.passage-chars='10': must be between 50 and 10000");
    }

    private static java.util.function.Function<String, Optional<String>> lookup(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }
}
