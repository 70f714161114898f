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
        List<AnalyzedSentence> result = new ArrayList<>();
        for (String sentence : sentences.sentDetect(text)) {
            String trimmed = sentence.strip();
            if (!trimmed.isEmpty()) {
                result.add(new AnalyzedSentence(trimmed, tag(tokenizer.tokenize(trimmed))));
            }
        }
        return result;
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
            tokens.add(new Token(words[i], tags[i], lemma.toLowerCase(Locale.ROOT)));
        }
        return tokens;
    }
}
