package procos.das.generation.drafting.deterministic;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Word forms and the spelling of names and identifiers. */
final class Words {

    private Words() {
    }

    private static final Map<String, String> IRREGULAR_PARTICIPLES = Map.ofEntries(
            Map.entry("send", "sent"), Map.entry("pay", "paid"), Map.entry("make", "made"), Map.entry("buy", "bought"),
            Map.entry("write", "written"), Map.entry("take", "taken"), Map.entry("give", "given"), Map.entry("find", "found"),
            Map.entry("begin", "begun"), Map.entry("break", "broken"), Map.entry("build", "built"), Map.entry("bring", "brought"),
            Map.entry("choose", "chosen"), Map.entry("do", "done"), Map.entry("hold", "held"), Map.entry("keep", "kept"),
            Map.entry("leave", "left"), Map.entry("lose", "lost"), Map.entry("meet", "met"), Map.entry("put", "put"),
            Map.entry("read", "read"), Map.entry("run", "run"), Map.entry("say", "said"), Map.entry("see", "seen"),
            Map.entry("sell", "sold"), Map.entry("set", "set"), Map.entry("shut", "shut"), Map.entry("get", "received"),
            Map.entry("come", "received"), Map.entry("arrive", "received"), Map.entry("receive", "received"),
            Map.entry("land", "received"), Map.entry("reach", "received"), Map.entry("appear", "received"),
            Map.entry("go", "gone"), Map.entry("tell", "told"), Map.entry("think", "thought"), Map.entry("win", "won"),
            Map.entry("understand", "understood"), Map.entry("spend", "spent"), Map.entry("lead", "led"),
            Map.entry("feel", "felt"), Map.entry("forget", "forgotten"), Map.entry("upload", "uploaded"),
            Map.entry("hire", "hired"), Map.entry("be", "been"), Map.entry("have", "had"), Map.entry("quit", "quit"),
            Map.entry("join", "joined"), Map.entry("fall", "fallen"), Map.entry("rise", "risen"), Map.entry("drive", "driven"));

    /** Short verbs whose last consonant doubles before -ed. */
    private static final Set<String> DOUBLING = Set.of(
            "stop", "plan", "ship", "submit", "admit", "commit", "transfer", "refer", "occur", "permit", "omit", "drop",
            "log", "tag", "scan", "flag", "prefer", "ban", "chat", "plug", "map", "wrap", "step", "grab", "drag", "zip",
            "fit", "pin", "rob", "rub", "shop", "swap", "trim", "dim", "jam", "nod", "pat", "pop", "rip", "tap",
            "trip", "sum", "equip", "regret", "format");

    /** The past participle of a verb: "approve" → "approved", "ship" → "shipped", "pay" → "paid". */
    static String participle(String verb) {
        String irregular = IRREGULAR_PARTICIPLES.get(verb);
        if (irregular != null) {
            return irregular;
        }
        if (verb.endsWith("e")) {
            return verb + "d";
        }
        if (verb.length() > 2 && verb.endsWith("y") && !isVowel(verb.charAt(verb.length() - 2))) {
            return verb.substring(0, verb.length() - 1) + "ied";
        }
        if (DOUBLING.contains(verb)) {
            return verb + verb.charAt(verb.length() - 1) + "ed";
        }
        return verb + "ed";
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }

    /** "check stock" → "Check stock"; words written in capitals (acronyms, "HR") keep them. */
    static String sentenceCase(List<String> words) {
        StringBuilder name = new StringBuilder();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            String written = isAcronym(word) ? word : word.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                written = written.substring(0, 1).toUpperCase(Locale.ROOT) + written.substring(1);
            } else {
                name.append(' ');
            }
            name.append(written);
        }
        return name.toString();
    }

    static String sentenceCase(String phrase) {
        return sentenceCase(List.of(phrase.strip().split("\\s+")));
    }

    private static boolean isAcronym(String word) {
        return word.length() > 1 && word.length() <= 6 && word.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c))
                && word.chars().anyMatch(Character::isLetter);
    }

    /** A lower snake case identifier of ASCII letters, digits and underscores, at most {@code max} long. */
    static String snake(String phrase, int max) {
        String ascii = Normalizer.normalize(phrase, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder id = new StringBuilder();
        boolean gap = false;
        for (char c : ascii.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && !id.isEmpty()) {
                    id.append('_');
                }
                id.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        String result = id.length() > max ? id.substring(0, max) : id.toString();
        while (result.endsWith("_")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    static String snake(String phrase) {
        return snake(phrase, 60);
    }

    /** The words of a snake case identifier: "items_available" → "items available". */
    static String spaced(String identifier) {
        return identifier.replace('_', ' ');
    }

    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("once", 1), Map.entry("two", 2),
            Map.entry("twice", 2), Map.entry("three", 3), Map.entry("thrice", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("forty-eight", 48), Map.entry("fifty", 50),
            Map.entry("sixty", 60), Map.entry("ninety", 90), Map.entry("hundred", 100), Map.entry("couple", 2),
            Map.entry("few", 3), Map.entry("several", 3));

    /** A whole number written in digits or words ("3", "three", "twice"), or {@code null}. */
    static Integer wholeNumber(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (!lower.isEmpty() && lower.length() <= 6 && lower.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(lower);
        }
        return NUMBER_WORDS.get(lower);
    }

    /**
     * An amount as written in a condition: "1000", "1,000", "€1,000", "$500", "2.5", "10k"; {@code null}
     * when the word is not one. Integral amounts come back as {@link Long}, others as {@link Double}.
     */
    static Number amount(String word) {
        String text = word.toLowerCase(Locale.ROOT).replace(",", "").replaceAll("^[€$£¥]|[€$£¥%]$", "");
        long factor = 1;
        if (text.endsWith("k")) {
            factor = 1_000;
            text = text.substring(0, text.length() - 1);
        } else if (text.endsWith("m") && text.length() > 1 && Character.isDigit(text.charAt(text.length() - 2))) {
            factor = 1_000_000;
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty() || text.length() > 15 || !text.chars().allMatch(c -> Character.isDigit(c) || c == '.')
                || text.chars().filter(c -> c == '.').count() > 1 || text.startsWith(".") || text.endsWith(".")) {
            Integer spelled = NUMBER_WORDS.get(word.toLowerCase(Locale.ROOT));
            return spelled == null || spelled == 1 && word.length() <= 2 ? null : Long.valueOf(spelled);
        }
        if (text.contains(".")) {
            double value = Double.parseDouble(text) * factor;
            return value == Math.rint(value) ? Long.valueOf((long) value) : Double.valueOf(value);
        }
        return Long.parseLong(text) * factor;
    }
}
