package procos.pde.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static procos.pde.endpoint.Invocations.struct;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvokeInputsTest {

    private final InvokeInputs inputs = InvokeInputs.of(struct("""
            {"s": "text", "n": 12, "ns": " 34 ", "b": true, "bs": "FALSE", "nothing": null}"""));

    @Test
    void valuesAreReadInEitherSpelling() throws EndpointException {
        assertThat(inputs.requiredString("s")).isEqualTo("text");
        assertThat(inputs.positiveLong("n")).hasValue(12);
        assertThat(inputs.positiveLong("ns")).hasValue(34);
        assertThat(inputs.bool("b", false)).isTrue();
        assertThat(inputs.bool("bs", true)).isFalse();
    }

    @Test
    void nullAndMissingAreAbsent() throws EndpointException {
        assertThat(inputs.string("nothing")).isEmpty();
        assertThat(inputs.string("missing")).isEmpty();
        assertThat(inputs.positiveLong("nothing")).isEmpty();
        assertThat(inputs.bool("missing", true)).isTrue();
        assertThat(catchThrowableOfType(EndpointException.class, () -> inputs.requiredString("nothing")).getMessage())
                .isEqualTo("input 'nothing' is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"v\": 0}", "{\"v\": -1}", "{\"v\": 1.5}", "{\"v\": \"x\"}", "{\"v\": true}", "{\"v\": 1e30}"})
    void onlyWholePositiveNumbersAreNumbers(String json) {
        EndpointException refused = catchThrowableOfType(EndpointException.class,
                () -> InvokeInputs.of(struct(json)).positiveLong("v"));

        assertThat(refused.code()).isEqualTo("INVALID_INPUT");
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).contains("'v'");
    }

    @Test
    void aWrongTypeIsInvalidInput() {
        assertThat(catchThrowableOfType(EndpointException.class, () -> inputs.string("n")).code()).isEqualTo("INVALID_INPUT");
        assertThat(catchThrowableOfType(EndpointException.class, () -> inputs.bool("s", false)).code())
                .isEqualTo("INVALID_INPUT");
    }

    @Test
    void decimalsAreReadAsNumbersOrTextAndCheckedAgainstTheirRange() throws EndpointException {
        InvokeInputs numbers = InvokeInputs.of(struct("{\"t\":0.7,\"u\":\" 1.5 \",\"hot\":3,\"word\":\"warm\"}"));

        assertThat(numbers.decimal("t", 0, 2)).hasValue(0.7);
        assertThat(numbers.decimal("u", 0, 2)).hasValue(1.5);
        assertThat(numbers.decimal("missing", 0, 2)).isEmpty();
        assertThat(catchThrowableOfType(EndpointException.class, () -> numbers.decimal("hot", 0, 2)).getMessage())
                .isEqualTo("input 'hot' must be between 0.0 and 2.0");
        assertThat(catchThrowableOfType(EndpointException.class, () -> numbers.decimal("word", 0, 2)).getMessage())
                .isEqualTo("input 'word' must be a number");
    }
}
