package procos.das.api.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import procos.das.api.ApiProblem;

class VariableValuesTest {

    @Test
    void jsonValuesBecomeTheEngineTypesAndNestedValuesTheirJsonText() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", "x");
        json.put("count", new BigDecimal("3"));
        json.put("big", new BigDecimal("3.0"));
        json.put("ratio", new BigDecimal("0.25"));
        json.put("ok", true);
        json.put("nothing", null);
        json.put("order", Map.of("id", new BigDecimal("7")));
        json.put("tags", List.of("a", "b"));

        Map<String, Object> variables = VariableValues.fromJson(json, "variables");

        assertThat(variables).containsEntry("name", "x").containsEntry("count", 3L).containsEntry("big", 3L)
                .containsEntry("ratio", 0.25).containsEntry("ok", true).containsEntry("nothing", null)
                .containsEntry("order", "{\"id\":7}").containsEntry("tags", "[\"a\",\"b\"]");
    }

    @Test
    void aBadNameAnOversizedTextOrAHugeNumberIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> VariableValues.fromJson(Map.of("1bad", "x"), "variables"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(422))
                .hasMessageStartingWith("variables.1bad:");
        assertThatThrownBy(() -> VariableValues.fromJson(Map.of("note", "x".repeat(VariableValues.MAX_TEXT + 1)), "variables"))
                .hasMessageStartingWith("variables.note:");
        assertThatThrownBy(() -> VariableValues.fromJson(Map.of("n", new BigDecimal("1e30")), "variables"))
                .hasMessageStartingWith("variables.n:");
        assertThatThrownBy(() -> VariableValues.fromJson(List.of(1), "variables"))
                .hasMessageStartingWith("variables: must be a JSON object");
    }
}
