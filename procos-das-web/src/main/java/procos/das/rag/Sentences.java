package procos.das.rag;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits passages into sentences with the JDK's sentence rules (abbreviations, decimals, quotes),
 * block by block. The JDK's rules never end a sentence at a line break, so a chunk as the chunker
 * cuts it — a Markdown heading, then a paragraph — would come out as one "sentence" running from the
 * heading into the text, and a paragraph or list item without closing punctuation would run into the
 * next. So a blank line, a heading, a list item and a line without letters or digits (rules, fences,
 * table borders) each end a block first. Headings are titles, not statements: they are left out; a
 * list item's marker is dropped.
 */
final class Sentences {

    /** An ATX heading: up to three spaces, one to six {@code #}, then a space or the end of the line. */
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:\\s.*)?$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d{1,3}[.)])\\s+");

    private Sentences() {
    }

    /** The sentences of {@code text} that contain a letter, trimmed, whitespace collapsed, in order. */
    static List<String> of(String text) {
        List<String> sentences = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            Matcher item = LIST_ITEM.matcher(line);
            boolean startsItem = item.lookingAt();
            if (startsItem || HEADING.matcher(line).matches() || line.codePoints().noneMatch(Character::isLetterOrDigit)) {
                split(block, sentences);
                block.setLength(0);
                if (startsItem) {
                    block.append(line, item.end(), line.length()).append('\n');
                }
            } else {
                block.append(line).append('\n');
            }
        }
        split(block, sentences);
        return sentences;
    }

    private static void split(CharSequence block, List<String> sentences) {
        String text = block.toString();
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ROOT);
        boundaries.setText(text);
        for (int start = boundaries.first(), end = boundaries.next(); end != BreakIterator.DONE;
                start = end, end = boundaries.next()) {
            String sentence = text.substring(start, end).strip().replaceAll("\\s+", " ");
            if (sentence.codePoints().anyMatch(Character::isLetter)) {
                sentences.add(sentence);
            }
        }
    }
}
