package procos.pde.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void readsAnyJsonValue() {
        assertThat(JsonText.parse("{\"a\":[1,true,null]}").orElseThrow().getStructValue().getFieldsOrThrow("a")
                .getListValue().getValuesCount()).isEqualTo(3);
        assertThat(JsonText.parse("\"text\"").orElseThrow().getStringValue()).isEqualTo("text");
        assertThat(JsonText.parse(" 42 ").orElseThrow().getNumberValue()).isEqualTo(42);
    }

    @Test
    void refusesProseThatALenientParserWouldTakeForAString() {
        assertThat(JsonText.parse("Sure! Here it is")).isEmpty();
        assertThat(JsonText.parse("{\"a\":1} and more")).isEmpty();
        assertThat(JsonText.parse("{not json")).isEmpty();
        assertThat(JsonText.parse("")).isEmpty();
    }
}
