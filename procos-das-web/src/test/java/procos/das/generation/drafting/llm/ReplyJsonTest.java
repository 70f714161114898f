package procos.das.generation.drafting.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import procos.das.generation.description.InvalidDescriptionException;

/** Finding the one JSON object in a model's reply. */
class ReplyJsonTest {

    @Test
    void chatterWithStrayBracesAfterTheObjectIsIgnored() throws Exception {
        ReplyJson.Found found = ReplyJson.extract("Here you go: {\"name\":\"A\"} — tell me if {something} is missing.");

        assertThat(found.text()).isEqualTo("{\"name\":\"A\"}");
        assertThat(found.tree().path("name").asText()).isEqualTo("A");
    }

    @Test
    void theObjectInsideTheOnlyFencedBlockIsTakenEvenWhenTheChatterHasBraces() throws Exception {
        ReplyJson.Found found = ReplyJson.extract("I used {braces} here.\n```json\n{\"name\":\"B\"}\n```\n");

        assertThat(found.text()).isEqualTo("{\"name\":\"B\"}");
    }

    @Test
    void aDuplicatedFieldIsRefusedRatherThanOneOfItsValuesChosen() {
        assertThat(refusal("{\"name\":\"A\",\"name\":\"B\"}")).contains("Duplicate field 'name'");
    }

    @Test
    void twoFencedBlocksWithJsonAreRefusedAsAmbiguous() {
        assertThat(refusal("```json\n{\"name\":\"A\"}\n```\nor\n```json\n{\"name\":\"B\"}\n```"))
                .contains("2 code blocks with JSON");
    }

    @Test
    void aReplyWithoutAnyObjectSaysSo() {
        assertThat(refusal("I cannot help with that.")).isEqualTo("$: the reply contains no JSON object");
        assertThat(refusal("  ")).isEqualTo("$: the reply is empty");
    }

    @Test
    void nestingDeeperThanADescriptionNeedsIsRefused() {
        assertThat(refusal("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}")).contains("nesting depth");
    }

    private static String refusal(String reply) {
        InvalidDescriptionException refused = catchThrowableOfType(InvalidDescriptionException.class, () -> ReplyJson.extract(reply));
        assertThat(refused).as("refused").isNotNull();
        return refused.getMessage();
    }
}
