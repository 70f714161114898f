package procos.das.generation.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntentNormalizerTest {

    private final IntentNormalizer normalizer = new IntentNormalizer();

    @Test
    void greetingsPolitenessAndSignOffAreTrimmedAndNoted() throws Exception {
        NormalizedIntent intent = normalizer.normalize(
                "Hi team!   Can you please create a process where the manager approves the invoice?\n\nThanks a lot!");

        assertThat(intent.text()).isEqualTo("The manager approves the invoice.");
        assertThat(intent.notes()).anySatisfy(note -> assertThat(note).contains("Hi team!").contains("Thanks a lot"));
    }

    @Test
    void markdownListItemsBecomeSentencesInOrder() throws Exception {
        NormalizedIntent intent = normalizer.normalize("""
                ## Order flow
                1. **Check** the stock
                2. Ship the [order](http://example.com)
                - notify the customer
                """);

        assertThat(intent.text()).isEqualTo("Check the stock. Ship the order. Notify the customer.");
        assertThat(intent.notes()).anySatisfy(note -> assertThat(note).contains("3 list item(s)"))
                .anySatisfy(note -> assertThat(note).contains("Order flow"));
    }

    @Test
    void controlCharactersAndRepeatedWhitespaceAreRemoved() throws Exception {
        NormalizedIntent intent = normalizer.normalize("Check\u0000 the\u200b stock\t\t and   ship the order!!!");

        assertThat(intent.text()).isEqualTo("Check the stock and ship the order!");
        assertThat(intent.notes()).anySatisfy(note -> assertThat(note).contains("2 control or invisible"));
    }

    @Test
    void blankTextIsRefusedAsEmpty() {
        assertThatThrownBy(() -> normalizer.normalize("   \n\t "))
                .isInstanceOfSatisfying(InvalidIntentException.class,
                        e -> assertThat(e.code()).isEqualTo(InvalidIntentException.EMPTY));
        assertThatThrownBy(() -> normalizer.normalize("Hello! Thanks!"))
                .isInstanceOfSatisfying(InvalidIntentException.class,
                        e -> assertThat(e.code()).isEqualTo(InvalidIntentException.EMPTY));
    }

    @Test
    void textOverTheLimitIsRefusedNamingLimitAndSize() {
        String fiftyKilobytes = "Check the stock and ship the order. ".repeat(1_430);

        assertThatThrownBy(() -> normalizer.normalize(fiftyKilobytes))
                .isInstanceOfSatisfying(InvalidIntentException.class, e -> {
                    assertThat(e.code()).isEqualTo(InvalidIntentException.TOO_LONG);
                    assertThat(e.getMessage()).contains("8000").contains(String.valueOf(fiftyKilobytes.strip().length()));
                });
    }

    @Test
    void textWithoutLettersIsRefused() {
        assertThatThrownBy(() -> normalizer.normalize("12345 !!! ### 42"))
                .isInstanceOfSatisfying(InvalidIntentException.class,
                        e -> assertThat(e.code()).isEqualTo(InvalidIntentException.NO_LETTERS));
    }

    @Test
    void germanAndFrenchAreDetected() throws Exception {
        assertThat(normalizer.normalize("Wenn eine Bestellung eingeht, prüfe den Lagerbestand und versende die Ware an den Kunden.")
                .language()).isEqualTo("deu");
        assertThat(normalizer.normalize("Quand une commande arrive, vérifiez le stock puis expédiez les articles au client.")
                .language()).isEqualTo("fra");
    }

    @Test
    void shortEnglishTheDetectorIsUnsureAboutIsTakenAsEnglishWithANote() throws Exception {
        NormalizedIntent intent = normalizer.normalize("Check stock");

        assertThat(intent.language()).isEqualTo("eng");
        assertThat(intent.notes()).anySatisfy(note -> assertThat(note).contains("unsure"));
    }

    @Test
    void domainComesFromTheWeightedLemmas() throws Exception {
        assertThat(normalizer.normalize("When a patient arrives, the nurse does the triage and the doctor examines the patient.")
                .domain()).isEqualTo("healthcare");
        assertThat(normalizer.normalize("Every hour, check the disk usage of the servers and restart them if needed.")
                .domain()).isEqualTo("it_operations");
        assertThat(normalizer.normalize("Send a greeting card to my friend and then call her.").domain()).isEqualTo("general");
    }
}
