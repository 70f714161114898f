package procos.das.generation.context;

import java.util.List;
import procos.das.rag.Citation;
import procos.das.rag.Question;

/** Finds knowledge-base passages for a question; in the server, {@code RagService::retrieve}. */
@FunctionalInterface
public interface KnowledgeRetriever {

    /** No knowledge base: the context carries no knowledge. */
    KnowledgeRetriever NONE = question -> List.of();

    /** The relevant passages, best first; empty when nothing is relevant. */
    List<Citation> retrieve(Question question);
}
