package procos.das.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void aBodyThatIsNotAnObjectIsABadRequestNotAServerError() {
        Map<String, Object> arrayAsMap = new HashMap<>();
        arrayAsMap.put(null, 1);
        assertThatThrownBy(() -> RequestBody.of(arrayAsMap, Set.of("intent")))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.getMessage()).isEqualTo("body: a JSON object is required");
                });
        assertThatThrownBy(() -> RequestBody.of(null, Set.of("intent"))).isInstanceOf(ApiProblem.class);
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> RequestBody.of(Map.of("evil", 1), Set.of("intent")))
                .hasMessage("evil: unknown field; expected intent");
        assertThatThrownBy(() -> RequestBody.of(Map.of("intent", 42), Set.of("intent")).requiredString("intent"))
                .hasMessage("intent: must be a string");
    }
}
