package procos.pde.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;

class EndpointSettingsTest {

    private static final Set<String> KNOWN = Set.of("name", "flag", "size", "wait", "port", "ratio", "items", "mode");

    @Test
    void valuesAreReadTypedAndBlanksCountAsAbsent() {
        EndpointSettings settings = settings(Map.of("name", " x ", "flag", "False", "size", "42", "wait", "PT2S"));
        EndpointSettings blank = settings(Map.of("name", "  ", "size", ""));

        assertThat(settings.optional("name")).contains("x");
        assertThat(settings.bool("flag", true)).isFalse();
        assertThat(settings.bytes("size", 1, 100)).isEqualTo(42);
        assertThat(settings.duration("wait")).contains(Duration.ofSeconds(2));
        assertThat(blank.optional("name")).isEmpty();
        assertThat(blank.bytes("size", 7, 100)).isEqualTo(7);
        assertThat(blank.bool("flag", true)).isTrue();
        assertThat(blank.duration("wait")).isEmpty();
    }

    @Test
    void badValuesAreRefusedNamingEndpointAndSetting() {
        assertThatThrownBy(() -> settings(Map.of()).required("name", "a hint"))
                .hasMessage("endpoint 'e1': setting 'name' is required (a hint)");
        assertThatThrownBy(() -> settings(Map.of("flag", "yes")).bool("flag", false))
                .hasMessage("endpoint 'e1': setting 'flag' must be true or false, got 'yes'");
        assertThatThrownBy(() -> settings(Map.of("size", "101")).bytes("size", 1, 100))
                .hasMessage("endpoint 'e1': setting 'size' must be between 1 and 100 bytes, got 101");
        assertThatThrownBy(() -> settings(Map.of("wait", "-PT1S")).duration("wait"))
                .hasMessageStartingWith("endpoint 'e1': setting 'wait' must be longer than zero");
        assertThatThrownBy(() -> settings(Map.of("colour", "red")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint 'e1': setting 'colour' is not a setting of http endpoints (known: flag, items, mode, name, port, ratio, size, wait)");
    }

    @Test
    void numbersListsAndChoicesAreReadTyped() {
        EndpointSettings settings = settings(Map.of("port", "587", "ratio", "0.25", "items", " a, ,b ,", "mode", "SSL"));

        assertThat(settings.whole("port", 25, 1, 65_535)).isEqualTo(587);
        assertThat(settings.whole("size", 25, 1, 65_535)).isEqualTo(25);
        assertThat(settings.decimal("ratio", 0, 1)).hasValue(0.25);
        assertThat(settings.decimal("size", 0, 1)).isEmpty();
        assertThat(settings.list("items")).containsExactly("a", "b");
        assertThat(settings.list("name")).isEmpty();
        assertThat(settings.choice("mode", Set.of("ssl", "none"), "a hint")).isEqualTo("ssl");
    }

    @Test
    void badNumbersAndChoicesAreRefusedNamingEndpointAndSetting() {
        assertThatThrownBy(() -> settings(Map.of("port", "70000")).whole("port", 25, 1, 65_535))
                .hasMessage("endpoint 'e1': setting 'port' must be between 1 and 65535, got 70000");
        assertThatThrownBy(() -> settings(Map.of("port", "x")).whole("port", 25, 1, 65_535))
                .hasMessage("endpoint 'e1': setting 'port' must be a whole number, got 'x'");
        assertThatThrownBy(() -> settings(Map.of("ratio", "NaN")).decimal("ratio", 0, 1))
                .hasMessage("endpoint 'e1': setting 'ratio' must be between 0.0 and 1.0, got NaN");
        assertThatThrownBy(() -> settings(Map.of("mode", "tls")).choice("mode", Set.of("ssl", "none"), "a hint"))
                .hasMessage("endpoint 'e1': setting 'mode' must be one of none, ssl, got 'tls'");
    }

    private static EndpointSettings settings(Map<String, String> values) {
        return EndpointSettings.of(new EndpointConfig("e1", EndpointKind.HTTP, Optional.empty(), Optional.empty(),
                Optional.empty(), values), KNOWN);
    }
}
