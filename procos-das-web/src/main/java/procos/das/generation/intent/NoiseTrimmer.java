package procos.das.generation.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the noise out of an intent as people type it: control characters, Markdown (headings,
 * emphasis, links, bullets and numbered lists, each item becoming a sentence), greetings and sign-offs,
 * politeness and requests to the tool ("please", "can you create a process where…"), repeated
 * whitespace and punctuation. What it removes is reported as notes, so nothing vanishes silently.
 */
final class NoiseTrimmer {

    /** The text left and what was taken out of it. */
    record Trimmed(String text, List<String> notes) {
    }

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+•‣◦]|\\(?\\d{1,3}[.)]|\\(?[a-zA-Z][.)])\\s+");
    private static final Pattern QUOTE = Pattern.compile("^\\s*>+\\s?");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|~~|`+)");
    private static final Pattern SINGLE_STAR = Pattern.compile("(?<![\\p{L}\\d])\\*(\\S[^*]*?)\\*(?![\\p{L}\\d])");
    private static final Pattern REPEATED_PUNCTUATION = Pattern.compile("([!?.,;:])\\1+");

    /** A greeting at the very start, with an optional name and its comma or exclamation mark. */
    private static final Pattern GREETING = Pattern.compile(
            "^(?:hi|hello|hey|hiya|greetings|good (?:morning|afternoon|evening)|dear [\\p{L} .'-]{1,40}?)"
                    + "(?:\\s+(?:there|team|all|everyone|folks|guys))?(?:\\s+[\\p{Lu}][\\p{L}'-]*)?\\s*[,!.:\\-–]+\\s*",
            Pattern.CASE_INSENSITIVE);
    /** A sentence that only thanks or signs off. */
    private static final Pattern SIGN_OFF = Pattern.compile(
            "^(?:thanks?(?: you)?(?: (?:so|very) much)?(?: in advance)?(?: for (?:your|the) help)?|many thanks|cheers|"
                    + "(?:best|kind|warm)? ?regards|best|br|ty|thx)[\\s,!.\\p{L}]{0,30}$",
            Pattern.CASE_INSENSITIVE);
    /** A request to the tool itself in front of the actual process text. */
    private static final Pattern REQUEST_PREAMBLE = Pattern.compile(
            "^(?:(?:please|kindly)\\s+)?(?:(?:can|could|would|will) you(?: please)?\\s+|i (?:want|would like|'d like|need) "
                    + "(?:you )?to\\s+|help me\\s+|let's\\s+)?(?:(?:create|build|make|design|model|draft|generate|set up|write)"
                    + "\\s+(?:me\\s+)?(?:a|an|the)\\s+(?:new\\s+)?(?:bpmn\\s+)?(?:process|workflow|flow)(?:\\s+model)?"
                    + "(?:\\s+(?:for|where|that|which|in which|so that|to handle|to)\\b)?[\\s:,-]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEED_PREAMBLE = Pattern.compile(
            "^(?:i|we) (?:need|want|would like|'d like) (?:a|an) (?:new\\s+)?(?:process|workflow|flow)"
                    + "(?:\\s+(?:for|where|that|which|in which|to))?[\\s:,-]*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POLITENESS = Pattern.compile(
            "(?:^|(?<=[\\s,;:]))(?:(?:can|could|would|will) you(?: please)?|please|kindly)\\b[,]?\\s*",
            Pattern.CASE_INSENSITIVE);

    Trimmed trim(String raw) {
        List<String> notes = new ArrayList<>();
        String text = dropControlCharacters(raw, notes);
        text = flattenMarkdown(text, notes);
        text = dropPoliteness(text, notes);
        text = REPEATED_PUNCTUATION.matcher(text).replaceAll("$1");
        text = text.replaceAll("\\s+", " ").strip();
        return new Trimmed(text, notes);
    }

    private static String dropControlCharacters(String raw, List<String> notes) {
        StringBuilder kept = new StringBuilder(raw.length());
        int dropped = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int type = Character.getType(c);
            if (c == '\n' || c == '\r') {
                kept.append('\n');
            } else if (c == '\t') {
                kept.append(' ');
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED) {
                dropped++;
            } else {
                kept.append(c);
            }
        }
        if (dropped > 0) {
            notes.add("Removed " + dropped + " control or invisible character(s).");
        }
        return kept.toString();
    }

    /** Lines become sentences: a list item or a paragraph ends with a full stop when it has none. */
    private static String flattenMarkdown(String text, List<String> notes) {
        StringBuilder out = new StringBuilder(text.length());
        StringBuilder paragraph = new StringBuilder();
        int items = 0;
        List<String> headings = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String content = QUOTE.matcher(line).replaceFirst("");
            Matcher heading = HEADING.matcher(content);
            Matcher item = LIST_ITEM.matcher(content);
            if (heading.matches()) {
                endSentence(paragraph, out);
                if (!heading.group(1).isBlank()) {
                    headings.add(heading.group(1).strip());
                }
            } else if (item.lookingAt() && content.length() > item.end()) {
                endSentence(paragraph, out);
                paragraph.append(content.substring(item.end()));
                items++;
            } else if (content.codePoints().noneMatch(Character::isLetterOrDigit)) {
                endSentence(paragraph, out);
            } else {
                paragraph.append(' ').append(content.strip());
            }
        }
        endSentence(paragraph, out);
        if (items > 0) {
            notes.add("Read " + items + " list item(s) as sentences, in order.");
        }
        if (!headings.isEmpty()) {
            notes.add("Left out heading(s) " + String.join(", ", headings.stream().map(h -> "\"" + h + "\"").toList())
                    + ": a heading names a part, it is not a step.");
        }
        String flat = LINK.matcher(out).replaceAll("$1");
        flat = EMPHASIS.matcher(flat).replaceAll("");
        return SINGLE_STAR.matcher(flat).replaceAll("$1");
    }

    private static void endSentence(StringBuilder paragraph, StringBuilder out) {
        String sentence = paragraph.toString().strip();
        paragraph.setLength(0);
        if (sentence.isEmpty()) {
            return;
        }
        char last = sentence.charAt(sentence.length() - 1);
        out.append(sentence);
        if (".!?;:".indexOf(last) < 0) {
            out.append('.');
        }
        out.append(' ');
    }

    private static String dropPoliteness(String text, List<String> notes) {
        List<String> removed = new ArrayList<>();
        String rest = text.strip();
        Matcher greeting = GREETING.matcher(rest);
        if (greeting.lookingAt()) {
            removed.add(greeting.group().strip());
            rest = rest.substring(greeting.end());
        }
        for (Pattern preamble : List.of(REQUEST_PREAMBLE, NEED_PREAMBLE)) {
            Matcher m = preamble.matcher(rest);
            if (m.lookingAt() && m.end() > 0 && m.end() < rest.length()) {
                removed.add(m.group().strip());
                rest = capitalize(rest.substring(m.end()));
            }
        }
        StringBuilder kept = new StringBuilder();
        for (String sentence : rest.split("(?<=[.!?])\\s+")) {
            String bare = sentence.strip();
            if (SIGN_OFF.matcher(bare.replaceAll("[.!]+$", "")).matches()) {
                removed.add(bare);
                continue;
            }
            Matcher polite = POLITENESS.matcher(bare);
            StringBuilder cleaned = new StringBuilder();
            while (polite.find()) {
                removed.add(polite.group().strip().replaceAll(",$", ""));
                polite.appendReplacement(cleaned, "");
            }
            polite.appendTail(cleaned);
            String sentenceText = capitalize(cleaned.toString().strip());
            if (sentenceText.endsWith("?")) {
                // A request phrased as a question ("Can you … ?") is an instruction once the request is gone.
                sentenceText = sentenceText.substring(0, sentenceText.length() - 1) + ".";
            }
            if (!sentenceText.isEmpty()) {
                kept.append(sentenceText).append(' ');
            }
        }
        if (!removed.isEmpty()) {
            notes.add("Left out " + String.join(", ", removed.stream().distinct().map(r -> "\"" + r + "\"").toList())
                    + " (greeting or politeness, not a step).");
        }
        return kept.toString();
    }

    private static String capitalize(String text) {
        if (text.isEmpty() || !Character.isLowerCase(text.charAt(0))) {
            return text;
        }
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
