package procos.pde.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void wholeNumbersAreWrittenWithoutAFraction() {
        assertThat(json(number(1))).isEqualTo("1");
        assertThat(json(number(-42))).isEqualTo("-42");
        assertThat(json(number(9_007_199_254_740_992d))).isEqualTo("9007199254740992");
        assertThat(json(number(12.5))).isEqualTo("12.5");
        assertThat(json(number(1e300))).isEqualTo("1.0E300");
    }

    @Test
    void nestedValuesKeepTheirShape() {
        Value value = Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("items", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(number(1))
                        .addValues(Value.newBuilder().setStringValue("two \"quoted\""))
                        .addValues(Value.newBuilder().setBoolValue(true))
                        .addValues(Value.newBuilder().setNullValue(NullValue.NULL_VALUE))).build()))
                .build();

        assertThat(json(value)).isEqualTo("{\"items\":[1,\"two \\\"quoted\\\"\",true,null]}");
    }

    @Test
    void textIsTheSameJsonAsAString() {
        Value value = Value.newBuilder().setStructValue(Struct.newBuilder().putFields("n", number(3))).build();

        assertThat(JsonBody.text(value)).isEqualTo("{\"n\":3}").isEqualTo(json(value));
    }

    private static String json(Value value) {
        return new String(JsonBody.write(value), StandardCharsets.UTF_8);
    }

    private static Value number(double number) {
        return Value.newBuilder().setNumberValue(number).build();
    }
}
