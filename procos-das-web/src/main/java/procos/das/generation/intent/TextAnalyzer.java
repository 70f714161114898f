package procos.das.generation.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.lemmatizer.ThreadSafeLemmatizerME;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.ThreadSafePOSTaggerME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.sentdetect.ThreadSafeSentenceDetectorME;
import opennlp.tools.tokenize.ThreadSafeTokenizerME;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * English sentence splitting, tokenizing, part-of-speech tagging and lemmatizing with the OpenNLP
 * Universal Dependencies (EWT) models. The models load once per JVM (about a second); the OpenNLP
 * "ThreadSafe" wrappers keep one decoder per thread, so one instance serves all callers.
 */
public final class TextAnalyzer {

    private static final class Shared {
        static final TextAnalyzer ENGLISH = new TextAnalyzer();
    }

    private final ThreadSafeSentenceDetectorME sentences;
    private final ThreadSafeTokenizerME tokenizer;
    private final ThreadSafePOSTaggerME tagger;
    private final ThreadSafeLemmatizerME lemmatizer;
    /**
     * The last text each thread analysed: normalizing an intent and drafting from it analyse the same
     * text one after the other, and tagging is most of the cost of both.
     */
    private final ThreadLocal<Analysis> last = new ThreadLocal<>();

    private record Analysis(String text, List<AnalyzedSentence> sentences) {
    }

    private TextAnalyzer() {
        SentenceModel sentenceModel = ModelResources.load("opennlp-en-ud-ewt-sentence-", SentenceModel::new);
        TokenizerModel tokenizerModel = ModelResources.load("opennlp-en-ud-ewt-tokens-", TokenizerModel::new);
        POSModel posModel = ModelResources.load("opennlp-en-ud-ewt-pos-", POSModel::new);
        LemmatizerModel lemmatizerModel = ModelResources.load("opennlp-en-ud-ewt-lemmas-", LemmatizerModel::new);
        sentences = new ThreadSafeSentenceDetectorME(sentenceModel);
        tokenizer = new ThreadSafeTokenizerME(tokenizerModel);
        tagger = new ThreadSafePOSTaggerME(posModel);
        lemmatizer = new ThreadSafeLemmatizerME(lemmatizerModel);
    }

    /** The English analyzer, its models loaded on first use. */
    public static TextAnalyzer english() {
        return Shared.ENGLISH;
    }

    /** The sentences of {@code text}, each tokenized, tagged and lemmatized. */
    public List<AnalyzedSentence> analyze(String text) {
        Analysis previous = last.get();
        if (previous != null && previous.text().equals(text)) {
            return previous.sentences();
        }
        List<AnalyzedSentence> result = analyzeAnew(text);
        last.set(new Analysis(text, result));
        return result;
    }

    private List<AnalyzedSentence> analyzeAnew(String text) {
        List<AnalyzedSentence> result = new ArrayList<>();
        for (String sentence : sentences.sentDetect(text)) {
            String trimmed = sentence.strip();
            if (!trimmed.isEmpty()) {
                result.add(new AnalyzedSentence(trimmed, tag(joinHyphenated(tokenizer.tokenize(trimmed), trimmed))));
            }
        }
        return List.copyOf(result);
    }

    /** "follow - up" back to "follow-up" where the text wrote it as one word. */
    private static String[] joinHyphenated(String[] tokens, String text) {
        List<String> joined = new ArrayList<>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals("-") && !joined.isEmpty() && i + 1 < tokens.length
                    && text.contains(joined.get(joined.size() - 1) + "-" + tokens[i + 1])) {
                joined.set(joined.size() - 1, joined.get(joined.size() - 1) + "-" + tokens[i + 1]);
                i++;
            } else {
                joined.add(tokens[i]);
            }
        }
        return joined.toArray(new String[0]);
    }

    /** Tags and lemmatizes words already split into tokens. */
    public List<Token> tag(String[] words) {
        String[] tags = tagger.tag(words);
        String[] lemmas = lemmatizer.lemmatize(words, tags);
        List<Token> tokens = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            String lemma = lemmas[i];
            // The lemmatizer answers "O" when it has no edit for a word; the word itself is then the best lemma.
            if (lemma == null || lemma.isBlank() || lemma.equals("O")) {
                lemma = words[i];
            }
            String tag = tags[i];
            if (tag.equals("PUNCT") && words[i].codePoints().anyMatch(Character::isLetter)) {
                // Hyphenated words ("on-call") are sometimes tagged as punctuation; a word with letters is none.
                tag = "NOUN";
            }
            int fused = tag.indexOf('+');
            if (fused > 0) {
                // The EWT models keep "customer's" as one token tagged NOUN+PART; two tokens read more simply.
                String[] lemmaParts = lemma.split("\\+", 2);
                String suffix = lemmaParts.length == 2 ? lemmaParts[1] : "";
                String word = words[i];
                if (suffix.isEmpty() && (word.endsWith("'s") || word.endsWith("’s")) && word.length() > 2) {
                    suffix = "'s";
                }
                if (!suffix.isEmpty() && word.toLowerCase(Locale.ROOT).replace('’', '\'').endsWith(suffix)
                        && word.length() > suffix.length()) {
                    String head = word.substring(0, word.length() - suffix.length());
                    tokens.add(new Token(head, tag.substring(0, fused), lemmaParts[0].toLowerCase(Locale.ROOT)));
                    tokens.add(new Token(word.substring(head.length()), tag.substring(fused + 1), suffix.toLowerCase(Locale.ROOT)));
                    continue;
                }
                tag = tag.substring(0, fused);
                lemma = lemmaParts[0];
            }
            tokens.add(new Token(words[i], tag, lemma.toLowerCase(Locale.ROOT)));
        }
        return tokens;
    }
}
