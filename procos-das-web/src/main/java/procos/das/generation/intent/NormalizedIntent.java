package procos.das.generation.intent;

import java.util.List;

/**
 * A person's intent after normalization: noise trimmed, language and domain detected.
 *
 * @param text     the intent as drafters read it
 * @param language ISO 639-3 code of the detected language ({@code eng}, {@code deu}, …)
 * @param domain   the detected business domain ({@code orders}, {@code hr}, …), or {@code general}
 * @param notes    what normalization changed or noticed, for the person who asked
 */
public record NormalizedIntent(String text, String language, String domain, List<String> notes) {

    public NormalizedIntent {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
