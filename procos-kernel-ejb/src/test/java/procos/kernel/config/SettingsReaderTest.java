package procos.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

    private static SettingsReader reader(Map<String, String> values) {
        return new SettingsReader(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void unsetAndBlankSettingsTakeTheirDefaults() throws Exception {
        SettingsReader settings = reader(Map.of("a", "  "));
        assertThat(settings.integer("a", 3, 1, 10)).isEqualTo(3);
        assertThat(settings.decimal("b", 0.5, 0, 1)).isEqualTo(0.5);
        assertThat(settings.bool("c", true)).isTrue();
        assertThat(settings.choice("d", DayOfWeek.class, DayOfWeek.MONDAY)).isEqualTo(DayOfWeek.MONDAY);
        settings.check();
    }

    @Test
    void valuesAreReadTrimmedAndInAnyCase() throws Exception {
        SettingsReader settings = reader(Map.of("a", " 7 ", "b", "0.25", "c", "FALSE", "d", "friday"));
        assertThat(settings.integer("a", 3, 1, 10)).isEqualTo(7);
        assertThat(settings.decimal("b", 0.5, 0, 1)).isEqualTo(0.25);
        assertThat(settings.bool("c", true)).isFalse();
        assertThat(settings.choice("d", DayOfWeek.class, DayOfWeek.MONDAY)).isEqualTo(DayOfWeek.FRIDAY);
        settings.check();
    }

    @Test
    void everyWrongValueIsReportedByKeyAtOnce() {
        SettingsReader settings = reader(Map.of("a", "many", "b", "1.5", "c", "yes", "d", "someday", "e", "11"));
        settings.integer("a", 3, 1, 10);
        settings.decimal("b", 0.5, -1, 1);
        settings.bool("c", true);
        settings.choice("d", DayOfWeek.class, DayOfWeek.MONDAY);
        settings.integer("e", 3, 1, 10);
        assertThatThrownBy(settings::check).isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).problems()).extracting(ConfigProblem::toString).containsExactly(
                        "a='many': not a whole number",
                        "b='1.5': must be between -1 and 1",
                        "c='yes': must be true or false",
                        "d='someday': must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday",
                        "e='11': must be between 1 and 10"));
    }
}
