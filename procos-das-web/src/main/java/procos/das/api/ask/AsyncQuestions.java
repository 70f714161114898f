package procos.das.api.ask;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Incident;
import procos.das.api.ApiProblem;
import procos.das.endpoint.RagEndpoint;
import procos.das.rag.Citation;

/**
 * Questions answered by the {@code rag_query} process, so they survive a restart: the instance id
 * is the question's id, and its state and answer are read back from the engine's history. Who asked
 * is kept in the instance ({@value #ASKED_BY}): only they, or an admin, may read the answer.
 */
public final class AsyncQuestions {

    public static final String PROCESS_KEY = "rag_query";
    static final String ASKED_BY = "asked_by";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessEngine engine;
    private final AskAnswers answers;

    public AsyncQuestions(ProcessEngine engine, AskAnswers answers) {
        this.engine = engine;
        this.answers = answers;
    }

    /**
     * Starts {@code rag_query} for the question. Started by the API, not as the user: asking is open
     * to every role, while starting processes is not, and {@value #ASKED_BY} records who asked.
     */
    public AskState start(AskRequest request, String user) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("question", request.question().text());
        variables.put("k", (long) request.question().k());
        variables.put(ASKED_BY, user);
        String id = engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, variables).getId();
        return AskState.running(id);
    }

    /** @throws ApiProblem 404 when there is no such question, or it is someone else's and {@code admin} is false */
    public AskState state(String id, String user, boolean admin) {
        HistoryService history = engine.getHistoryService();
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(id)
                .processDefinitionKey(PROCESS_KEY).singleResult();
        Map<String, Object> variables = instance == null ? Map.of() : variables(id);
        if (instance == null || !(admin || user.equals(variables.get(ASKED_BY)))) {
            throw ApiProblem.notFound("id: no question '" + id + "' asked by " + user);
        }
        switch (instance.getState()) {
            case HistoricProcessInstance.STATE_COMPLETED:
                return new AskState(id, "done", answer(variables, instance), null);
            case HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED:
            case HistoricProcessInstance.STATE_INTERNALLY_TERMINATED:
                return new AskState(id, "failed", null, "the question's process was canceled"
                        + Optional.ofNullable(instance.getDeleteReason()).map(reason -> ": " + reason).orElse(""));
            default:
                return incident(id).map(message -> new AskState(id, "failed", null, message)).orElse(AskState.running(id));
        }
    }

    private Optional<String> incident(String id) {
        return engine.getRuntimeService().createIncidentQuery().processInstanceId(id).list().stream().findFirst()
                .map(Incident::getIncidentMessage).map(message -> message == null ? "an incident stopped the question's process" : message);
    }

    private Map<String, Object> variables(String id) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id)
                .activityInstanceIdIn(id).list()) {
            variables.put(variable.getName(), variable.getValue());
        }
        return variables;
    }

    private AskAnswer answer(Map<String, Object> variables, HistoricProcessInstance instance) {
        String method = String.valueOf(variables.getOrDefault("answer_method", "NOT_FOUND"));
        long elapsed = Optional.ofNullable(instance.getDurationInMillis()).orElse(0L);
        return new AskAnswer(String.valueOf(variables.get("question")), String.valueOf(variables.getOrDefault("answer", "")),
                AskAnswers.method(method), sources(variables.get("sources")), elapsed);
    }

    /** The process keeps its sources as JSON text: {@code [{n, source, position, relevance, snippet, heading?, char_start?, char_end?}]}. */
    private List<AskSource> sources(Object json) {
        List<AskSource> sources = new ArrayList<>();
        if (json == null) {
            return sources;
        }
        try {
            for (JsonNode cited : JSON.readTree(json.toString())) {
                Map<String, String> metadata = new HashMap<>();
                for (String key : RagEndpoint.LOCATION_METADATA) {
                    if (cited.hasNonNull(key)) {
                        metadata.put(key, cited.get(key).asText());
                    }
                }
                sources.add(answers.source(new Citation(cited.path("n").asInt(), null, cited.path("source").asText(),
                        cited.path("position").asInt(), cited.path("relevance").asDouble(), cited.path("snippet").asText(""), metadata)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the question's sources are not JSON: " + e.getOriginalMessage(), e);
        }
        return sources;
    }
}
