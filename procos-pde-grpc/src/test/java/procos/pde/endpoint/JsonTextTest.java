package procos.pde.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @Test
    void readsAnyJsonValue() {
        assertThat(JsonText.parse("{\"a\":[1,true,null]}").orElseThrow().getStructValue().getFieldsOrThrow("a")
                .getListValue().getValuesCount()).isEqualTo(3);
        assertThat(JsonText.parse("\"text\"").orElseThrow().getStringValue()).isEqualTo("text");
        assertThat(JsonText.parse(" 42 ").orElseThrow().getNumberValue()).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sure! Here it is", "Done!", "{\"a\":1} and more", "{not json", "{a: 1}", "{'a': 1}",
            "[1, 2] [3]", "[1,]", "", "   "})
    void refusesWhatOnlyALenientParserWouldTake(String text) {
        assertThat(JsonText.parse(text)).isEmpty();
    }
}
