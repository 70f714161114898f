package procos.das.generation.intent;

/**
 * One word or punctuation mark of an analysed sentence.
 *
 * @param text  the token as written
 * @param tag   its Universal Dependencies part of speech ({@code VERB}, {@code NOUN}, {@code ADP}, …)
 * @param lemma its dictionary form, lower case ("approves" → "approve")
 */
public record Token(String text, String tag, String lemma) {

    public String lower() {
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    public boolean is(String tagName) {
        return tag.equals(tagName);
    }

    public boolean isPunctuation() {
        return tag.equals("PUNCT");
    }

    public boolean hasLetter() {
        return text.codePoints().anyMatch(Character::isLetter);
    }
}
