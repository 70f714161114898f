package procos.das.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Struct;
import io.grpc.Deadline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import procos.das.rag.Answer;
import procos.das.rag.AnswerMethod;
import procos.das.rag.Citation;
import procos.das.rag.InvalidQuestionException;
import procos.das.rag.Question;
import procos.das.rag.RagService;
import procos.das.rag.RetrievalCache;
import procos.das.vector.SearchMode;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.HealthReports;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * The DAS's question answering as a PDE endpoint, for the {@code rag_query} process:
 * {@value #RETRIEVE} finds the relevant chunks and keeps them under a {@code retrieval_id};
 * {@value #ANSWER} answers from them. Inputs: {@code question} (required), {@code k}, {@code mode}
 * ({@code dense} or {@code hybrid}). Process variables stay small: chunk texts never leave the DAS;
 * {@code sources} is a JSON list of {@code {n, source, position, relevance, snippet}}, with the passage's
 * {@code heading}, {@code char_start} and {@code char_end} when its source has them.
 */
public final class RagEndpoint implements Endpoint {

    public static final String ID = "das-rag";
    public static final String RETRIEVE = "das.rag.retrieve";
    public static final String ANSWER = "das.rag.answer";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The chunk metadata that says where in its source a passage is. */
    public static final List<String> LOCATION_METADATA = List.of("heading", "char_start", "char_end");

    private final Supplier<RagService> rag;
    private final RetrievalCache cache;

    /** @param rag the service, looked up per call so the endpoint can be registered before the knowledge base has loaded */
    public RagEndpoint(Supplier<RagService> rag, RetrievalCache cache) {
        this.rag = rag;
        this.cache = cache;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EndpointDescription describe() {
        return FunctionEndpoints.describe(ID, "DAS question answering: retrieve relevant chunks, answer with sources.",
                RETRIEVE, ANSWER);
    }

    @Override
    public EndpointHealth health() {
        return HealthReports.healthy();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        InvokeInputs inputs = InvokeInputs.of(request.getInputs());
        Question question = question(inputs);
        return switch (request.getTaskType()) {
            case RETRIEVE -> retrieve(question);
            case ANSWER -> answer(question, inputs.string("retrieval_id").orElse(""));
            default -> throw new EndpointException("UNSUPPORTED_TASK_TYPE", ID + " does not run '" + request.getTaskType() + "'", false);
        };
    }

    private InvokeResponse retrieve(Question question) {
        List<Citation> found = rag.get().retrieve(question);
        String id = cache.put(question.text(), found);
        Struct.Builder outputs = Struct.newBuilder()
                .putFields("found", FunctionEndpoints.bool(!found.isEmpty()))
                .putFields("retrieval_id", FunctionEndpoints.text(id))
                .putFields("sources_found", FunctionEndpoints.number(found.size()));
        if (found.isEmpty()) {
            outputs.putFields("answer", FunctionEndpoints.text(Answer.NOT_FOUND_TEXT))
                    .putFields("answer_method", FunctionEndpoints.text(AnswerMethod.NOT_FOUND.name()));
        } else {
            outputs.putFields("top_source", FunctionEndpoints.text(found.get(0).sourceId()));
        }
        return InvokeResponse.newBuilder().setOutputs(outputs).setConfidence(found.isEmpty() ? 0 : found.get(0).relevance()).build();
    }

    private InvokeResponse answer(Question question, String retrievalId) throws EndpointException {
        RagService service = rag.get();
        List<Citation> retrieved = cache.get(retrievalId, question.text()).orElseGet(() -> service.retrieve(question));
        Answer answer = service.synthesize(question, retrieved);
        Struct.Builder outputs = Struct.newBuilder()
                .putFields("answer", FunctionEndpoints.text(answer.text()))
                .putFields("answer_method", FunctionEndpoints.text(answer.method().name()))
                .putFields("sources", FunctionEndpoints.text(sourcesJson(answer.sources())));
        if (!answer.note().isEmpty()) {
            outputs.putFields("answer_note", FunctionEndpoints.text(answer.note()));
        }
        return InvokeResponse.newBuilder().setOutputs(outputs).build();
    }

    private static Question question(InvokeInputs inputs) throws EndpointException {
        String text = inputs.requiredString("question");
        long k = inputs.positiveLong("k").orElse(Question.DEFAULT_K);
        String mode = inputs.string("mode").orElse(Question.DEFAULT_MODE.name()).toUpperCase(Locale.ROOT);
        try {
            return new Question(text, (int) Math.min(k, Integer.MAX_VALUE), SearchMode.valueOf(mode), Map.of());
        } catch (InvalidQuestionException e) {
            throw InvokeInputs.invalid("question: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw InvokeInputs.invalid("mode: must be dense or hybrid, got '" + mode.toLowerCase(Locale.ROOT) + "'");
        }
    }

    /** What a reader of the process needs to show a cited passage: where it is, and its snippet. */
    private static Map<String, Object> sourceJson(Citation cited) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", cited.number());
        json.put("source", cited.sourceId());
        json.put("position", cited.position());
        json.put("relevance", Math.round(cited.relevance() * 1000) / 1000.0);
        json.put("snippet", cited.snippet());
        for (String key : LOCATION_METADATA) {
            if (cited.metadata().containsKey(key)) {
                json.put(key, cited.metadata().get(key));
            }
        }
        return json;
    }

    private static String sourcesJson(List<Citation> sources) throws EndpointException {
        try {
            return JSON.writeValueAsString(sources.stream().map(RagEndpoint::sourceJson).toList());
        } catch (JsonProcessingException e) {
            throw new EndpointException("INTERNAL", "sources could not be written: " + e.getMessage(), false, e);
        }
    }
}
