package procos.das.rag;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits passages into sentences with the JDK's sentence rules (abbreviations, decimals, quotes). */
final class Sentences {

    private Sentences() {
    }

    /** The sentences of {@code text} that contain a letter, trimmed, in order. */
    static List<String> of(String text) {
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ROOT);
        boundaries.setText(text);
        List<String> sentences = new ArrayList<>();
        for (int start = boundaries.first(), end = boundaries.next(); end != BreakIterator.DONE;
                start = end, end = boundaries.next()) {
            String sentence = text.substring(start, end).strip().replaceAll("\\s+", " ");
            if (sentence.codePoints().anyMatch(Character::isLetter)) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }
}
