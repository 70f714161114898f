package procos.das.api.ask;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import procos.das.api.knowledge.KnowledgeFolder;
import procos.das.rag.Answer;
import procos.das.rag.Citation;

/** Turns the RAG service's answers into the API's shape, naming sources as users know them. */
public final class AskAnswers {

    private final KnowledgeFolder folder;

    public AskAnswers(KnowledgeFolder folder) {
        this.folder = folder;
    }

    public AskAnswer of(Answer answer, long elapsedMs) {
        List<AskSource> sources = answer.sources().stream().map(this::source).toList();
        return new AskAnswer(answer.question(), answer.text(), method(answer.method().name()), sources, elapsedMs);
    }

    static String method(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** A cited passage as people see it: where it is in which source, and its snippet. */
    AskSource source(Citation citation) {
        Map<String, String> metadata = citation.metadata();
        String heading = metadata.getOrDefault("heading", "");
        String title = heading.isBlank() ? folder.name(citation.sourceId()) : heading;
        String position = "chunk " + citation.position();
        if (metadata.containsKey("char_start") && metadata.containsKey("char_end")) {
            position = "chars " + metadata.get("char_start") + "-" + metadata.get("char_end") + " | " + position;
        }
        return new AskSource(citation.number(), folder.location(citation.sourceId()), title, citation.snippet(), position,
                Math.round(citation.relevance() * 1000) / 1000.0);
    }
}
