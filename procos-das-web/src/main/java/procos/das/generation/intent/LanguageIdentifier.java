package procos.das.generation.intent;

import java.util.Locale;
import java.util.Set;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.langdetect.ThreadSafeLanguageDetectorME;

/**
 * Tells the language of an intent with OpenNLP's language detector (103 languages, ISO 639-3 codes).
 * The detector works on character n-grams and is unsure on short texts ("Check stock, ship order"
 * can come out as Waray); when it is unsure and most words are common English words, the text is
 * taken as English and the result says so.
 */
final class LanguageIdentifier {

    static final String ENGLISH = "eng";

    /** Below this many letters a text is too short for n-gram statistics to be trusted. */
    private static final int SHORT_TEXT_LETTERS = 60;
    /** A best guess less than this many times as likely as the runner-up is a weak one. */
    private static final double CLEAR_LEAD = 2.0;
    private static final double MOSTLY_ENGLISH = 0.6;

    private static final class Shared {
        static final LanguageIdentifier INSTANCE = new LanguageIdentifier();
    }

    private final ThreadSafeLanguageDetectorME detector;

    private LanguageIdentifier() {
        LanguageDetectorModel model = ModelResources.load("langdetect-", LanguageDetectorModel::new);
        detector = new ThreadSafeLanguageDetectorME(model);
    }

    static LanguageIdentifier shared() {
        return Shared.INSTANCE;
    }

    /**
     * @param language   ISO 639-3 code
     * @param confidence the detector's probability for its best guess
     * @param assumed    true when the detector was unsure and English was taken from the words
     * @param detected   what the detector itself said
     */
    record Identification(String language, double confidence, boolean assumed, String detected) {
    }

    Identification identify(String text) {
        Language[] ranked = detector.predictLanguages(text);
        Language best = ranked[0];
        if (best.getLang().equals(ENGLISH)) {
            return new Identification(ENGLISH, best.getConfidence(), false, ENGLISH);
        }
        double runnerUp = ranked.length > 1 ? ranked[1].getConfidence() : 0;
        boolean unsure = letters(text) < SHORT_TEXT_LETTERS || best.getConfidence() < CLEAR_LEAD * runnerUp;
        if (unsure && englishShare(text) >= MOSTLY_ENGLISH) {
            return new Identification(ENGLISH, best.getConfidence(), true, best.getLang());
        }
        return new Identification(best.getLang(), best.getConfidence(), false, best.getLang());
    }

    private static long letters(String text) {
        return text.codePoints().filter(Character::isLetter).count();
    }

    /** The share of words that are among the commonest English words or process vocabulary. */
    static double englishShare(String text) {
        int words = 0;
        int english = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
            if (word.isEmpty()) {
                continue;
            }
            words++;
            if (COMMON_ENGLISH.contains(word) || COMMON_ENGLISH.contains(stripSuffix(word))) {
                english++;
            }
        }
        return words == 0 ? 0 : (double) english / words;
    }

    private static String stripSuffix(String word) {
        for (String suffix : new String[] {"ing", "ed", "es", "s"}) {
            if (word.length() > suffix.length() + 2 && word.endsWith(suffix)) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    private static final Set<String> COMMON_ENGLISH = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "then", "else", "otherwise", "when", "once", "while",
            "until", "after", "before", "every", "each", "all", "any", "some", "no", "not", "is", "are", "was",
            "be", "been", "has", "have", "it", "its", "they", "them", "their", "we", "our", "you", "your", "he",
            "she", "his", "her", "to", "of", "in", "on", "at", "by", "for", "from", "with", "within", "up", "out",
            "this", "that", "these", "those", "there", "so", "next", "finally", "also", "both", "same", "time",
            "day", "days", "hour", "hours", "week", "month", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "parallel", "meanwhile", "must", "should", "will", "can", "need",
            "check", "send", "ship", "notify", "approve", "reject", "review", "sign", "inspect", "email",
            "store", "save", "update", "create", "fetch", "call", "ask", "wait", "repeat", "retry", "pay",
            "order", "stock", "item", "customer", "invoice", "payment", "manager", "request", "report", "team",
            "employee", "candidate", "offer", "letter", "patient", "doctor", "server", "ticket", "machine",
            "available", "approved", "rejected", "received", "arrive", "arrives", "reply", "replies", "new",
            "schedule", "escalate", "record", "process", "data", "document", "documents", "application");
}
