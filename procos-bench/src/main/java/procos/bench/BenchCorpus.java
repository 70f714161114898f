package procos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A generated Markdown corpus for the ingestion benchmark: seeded, so every run embeds the same
 * text. Sentences are drawn from a list of common English words so that WordPiece tokenizes them
 * like prose (about 1.3 tokens per word), in sections of a few paragraphs.
 */
final class BenchCorpus {

    private static final String[] WORDS = ("the process task engine user data service order invoice customer request "
            + "response system model document knowledge search answer question time report policy payment account "
            + "approval review step error retry result value number team project release version change update "
            + "delivery product price quality support ticket message email file record table query index vector "
            + "runs checks sends stores reads writes finds builds starts stops waits returns creates deletes moves "
            + "quickly always often never carefully again later first second final new old large small open closed "
            + "a an of to in for on with by from at as is are was be this that each every all some").split(" ");

    private BenchCorpus() {
    }

    /** Writes {@code files} Markdown files of {@code sectionsPerFile} sections into {@code dir}. */
    static void write(Path dir, int files, int sectionsPerFile, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        for (int f = 0; f < files; f++) {
            StringBuilder text = new StringBuilder("# Document ").append(f).append("\n\n");
            for (int s = 0; s < sectionsPerFile; s++) {
                text.append("## Section ").append(s).append("\n\n");
                int paragraphs = 2 + random.nextInt(3);
                for (int p = 0; p < paragraphs; p++) {
                    int sentences = 3 + random.nextInt(5);
                    for (int i = 0; i < sentences; i++) {
                        sentence(text, random);
                    }
                    text.append("\n\n");
                }
            }
            Files.writeString(dir.resolve(String.format("doc-%04d.md", f)), text);
        }
    }

    private static void sentence(StringBuilder text, Random random) {
        int words = 8 + random.nextInt(14);
        for (int w = 0; w < words; w++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            text.append(w == words - 1 ? ". " : " ");
        }
    }
}
