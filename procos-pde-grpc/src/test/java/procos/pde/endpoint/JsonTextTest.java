package procos.pde.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @Test
    void oneJsonValueOfAnyKindIsRead() {
        assertThat(JsonText.parse("{\"a\": [1, true, null]}").orElseThrow().getStructValue().getFieldsOrThrow("a")
                .getListValue().getValuesCount()).isEqualTo(3);
        assertThat(JsonText.parse(" \"text\" ").orElseThrow().getStringValue()).isEqualTo("text");
        assertThat(JsonText.parse("42").orElseThrow().getNumberValue()).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Done!", "{a: 1}", "{'a': 1}", "[1, 2] [3]", "{\"a\": 1} trailing", "", "[1,]"})
    void whatOnlyALenientParserWouldTakeIsRefused(String text) {
        assertThat(JsonText.parse(text)).isEmpty();
    }
}
