package procos.das.generation.intent;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a person typed into a {@link NormalizedIntent}: noise trimmed, length checked,
 * language detected (ISO 639-3) and domain detected. Everything it changes or assumes is listed in
 * the intent's notes. Thread-safe; the OpenNLP models it uses load once per JVM.
 */
public final class IntentNormalizer {

    /** The longest intent accepted, after trimming: a long process description fits well within it. */
    public static final int MAX_CHARACTERS = 8_000;
    /** Raw input beyond this is refused before any trimming, whatever noise it holds. */
    static final int MAX_RAW_CHARACTERS = 64 * MAX_CHARACTERS;

    private final NoiseTrimmer trimmer = new NoiseTrimmer();
    private final DomainDetector domains = new DomainDetector();

    /** @throws InvalidIntentException when the text is empty, too long or has no letters */
    public NormalizedIntent normalize(String raw) throws InvalidIntentException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIntentException(InvalidIntentException.EMPTY, "The intent is empty: describe the process in a few sentences.");
        }
        if (raw.length() > MAX_RAW_CHARACTERS) {
            throw tooLong(raw.length());
        }
        NoiseTrimmer.Trimmed trimmed = trimmer.trim(raw);
        String text = trimmed.text();
        if (text.isEmpty()) {
            throw new InvalidIntentException(InvalidIntentException.EMPTY,
                    "The intent is empty once greetings and formatting are left out: describe the process in a few sentences.");
        }
        if (text.length() > MAX_CHARACTERS) {
            throw tooLong(text.length());
        }
        if (text.codePoints().noneMatch(Character::isLetter)) {
            throw new InvalidIntentException(InvalidIntentException.NO_LETTERS,
                    "The intent has no letters, only digits or symbols: describe the process in words.");
        }
        List<String> notes = new ArrayList<>(trimmed.notes());
        LanguageIdentifier.Identification language = LanguageIdentifier.shared().identify(text);
        if (language.assumed()) {
            notes.add("The language detector was unsure (it said " + language.detected()
                    + "); the text is read as English because most of its words are English.");
        }
        String domain = DomainDetector.GENERAL;
        if (language.language().equals(LanguageIdentifier.ENGLISH)) {
            domain = domains.detect(lemmas(text));
            if (domain.equals(DomainDetector.GENERAL)) {
                notes.add("No business domain stood out; the domain is general.");
            }
        } else {
            notes.add("The intent reads as " + language.language() + ", not English; the domain was not detected.");
        }
        return new NormalizedIntent(text, language.language(), domain, notes);
    }

    private static List<String> lemmas(String text) {
        List<String> lemmas = new ArrayList<>();
        for (AnalyzedSentence sentence : TextAnalyzer.english().analyze(text)) {
            for (Token token : sentence.tokens()) {
                lemmas.add(token.lemma());
            }
        }
        return lemmas;
    }

    private static InvalidIntentException tooLong(int length) {
        return new InvalidIntentException(InvalidIntentException.TOO_LONG, "The intent is " + length
                + " characters long; the limit is " + MAX_CHARACTERS + " characters. Describe the process more briefly"
                + " or split it into several processes.");
    }
}
