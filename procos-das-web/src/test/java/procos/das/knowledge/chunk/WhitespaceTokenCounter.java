package procos.das.knowledge.chunk;

/**
 * Test fixture: counts whitespace-separated words as tokens. The large-file test uses it because
 * the real tokenizer reads about 1 MB/s on this machine, and what that test proves (memory stays
 * bounded while streaming) does not depend on how tokens are counted.
 */
final class WhitespaceTokenCounter implements TokenCounter {

    @Override
    public int count(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
