package it.procos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import procos.kernel.Kernel;
import procos.pde.endpoint.Endpoint;
import procos.pde.routing.ScoreView;
import procos.pde.v1.Capability;

/**
 * The DAS knowledge processes in the real server: {@code knowledge_preload} indexes a folder through
 * the kernel's PDEs (the {@code das-knowledge} endpoint the web application registers), and
 * {@code rag_query} answers from it with sources, or says it is not found. Both are started the way
 * a user starts them, by key with the variables their BPMN reads.
 *
 * <p>The server's own knowledge base is used (its configured data directory and vector store), so
 * each test indexes a folder of its own, created for this run, and empties it through the same
 * process afterwards: the knowledge base holds nothing of it once the test is over.
 */
@ExtendWith(ArquillianExtension.class)
class KnowledgeProcessesIT {

    /** The first preload of a run loads the embedding model; a slow machine gets plenty of time. */
    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final String NOT_FOUND = "Not found in the knowledge base.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CITATION = Pattern.compile("\\s*\\[(\\d+)]\\s*");

    private static final String LIGHTHOUSE = """
            # Korvath lighthouse

            The Korvath lighthouse was built in 1872 by the engineer Mirela Tosk. Its lamp can be seen from \
            31 kilometres away on a clear night.

            ## Keepers

            The last keeper, Anselm Brack, left in 1994, when the lamp was automated.
            """;
    private static final String BAKERY = """
            The Ostrava Street bakery opens at six in the morning. Its rye bread rises overnight on a sourdough \
            starter that is fed twice a day.
            """;
    private static final String BAKERY_CHANGED = """
            The Ostrava Street bakery now opens at half past seven in the morning. Its new speciality is a \
            cardamom braid baked on Saturdays.
            """;
    private static final String GLACIER = """
            # Velmora glacier

            The Velmora glacier retreats about forty metres every summer. Survey stakes were first driven into \
            its tongue in 1961.
            """;

    @Deployment
    static EnterpriseArchive deployment() {
        return ProcosDeployment.withTestClasses(KnowledgeProcessesIT.class);
    }

    @Inject
    Kernel kernel;

    @Inject
    RuntimeService runtimeService;

    @Inject
    HistoryService historyService;

    private Path folder;

    @BeforeEach
    void createKnowledgeFolder() throws IOException {
        folder = Files.createTempDirectory("procos-it-knowledge-").toAbsolutePath().normalize();
    }

    /** Deletes the files and preloads the empty folder, which removes their chunks and manifest entries. */
    @AfterEach
    void removeKnowledgeFolder() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        try {
            assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(startPreload()), "the preload that removes this test's sources");
            assertEquals(Map.of(), manifestEntries(), "manifest entries left under " + folder);
        } finally {
            Files.delete(folder);
        }
    }

    @Test
    void preloadIndexesEveryFileThroughTheDasEndpointAndCountsItsWork() throws Exception {
        write("lighthouse.md", LIGHTHOUSE);
        write("bakery.txt", BAKERY);
        write("glacier.md", GLACIER);
        assertEquals(Set.of("das.knowledge.scan", "das.knowledge.index", "das.knowledge.finish"),
                dasKnowledgeEndpoint().describe().getCapabilitiesList().stream().map(Capability::getTaskType).collect(Collectors.toSet()));
        Map<String, Long> attemptsBefore = knowledgeAttempts();

        String id = startPreload();

        assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(id));
        assertEquals(3, number(id, "to_index"));
        assertEquals(0, number(id, "unchanged"));
        assertEquals(0, number(id, "to_remove"));
        assertEquals(0, number(id, "removed"));
        assertEquals(1, finished(id, "scan_sources"));
        assertEquals(3, finished(id, "index_source"), "one index task per file");
        assertEquals(1, finished(id, "finish_preload"));
        assertEquals(1, finished(id, "knowledge_ready"));
        assertEquals(Map.of("nrOfInstances", 3, "nrOfCompletedInstances", 3, "nrOfActiveInstances", 0), progress(id),
                "the multi-instance's progress counters at the end");
        assertEquals(Map.of("das.knowledge.scan", 1L, "das.knowledge.index", 3L, "das.knowledge.finish", 1L), attemptsSince(attemptsBefore),
                "tasks the PDEs ran on das-knowledge, by task type");

        Map<String, JsonNode> manifest = manifestEntries();
        assertEquals(Set.of(source("lighthouse.md"), source("bakery.txt"), source("glacier.md")), manifest.keySet());
        int chunks = 0;
        for (Map.Entry<String, JsonNode> entry : manifest.entrySet()) {
            String source = entry.getKey();
            assertEquals("INDEXED", entry.getValue().path("status").asText(), source);
            assertTrue(entry.getValue().path("chunks").asInt() > 0, source + ": " + entry.getValue());
            assertEquals(sha256(Path.of(source)), entry.getValue().path("sha256").asText(), source);
            chunks += entry.getValue().path("chunks").asInt();
        }
        long bytes = size("lighthouse.md") + size("bakery.txt") + size("glacier.md");
        assertEquals(Map.of("sources_done", 3L, "sources_total", 3L, "chunks_done", (long) chunks, "bytes_done", bytes,
                "bytes_total", bytes, "eta_ms", 0L, "finished", true), runProgress(id), "the run's progress variables at the end");
        assertFalse(Files.exists(planFile(text(id, "scan_id"))), "the run's plan is forgotten once it finished");

        String query = ask("How fast is the Velmora glacier retreating?");
        assertTrue(bool(query, "found"));
        assertEquals(source("glacier.md"), text(query, "top_source"));
    }

    @Test
    void ragQueryAnswersFromTheFilesAndCitesTheChunksItQuotes() throws Exception {
        write("lighthouse.md", LIGHTHOUSE);
        write("bakery.txt", BAKERY);
        write("glacier.md", GLACIER);
        preload();

        String id = ask("Who built the Korvath lighthouse?");

        assertEquals(1, finished(id, "answer_returned"));
        assertTrue(bool(id, "found"));
        assertEquals(source("lighthouse.md"), text(id, "top_source"));
        assertEquals("EXTRACTIVE", text(id, "answer_method"), "no language model is configured");
        String answer = text(id, "answer");
        assertTrue(answer.startsWith("The Korvath lighthouse was built in 1872 by the engineer Mirela Tosk. [1]"), answer);
        assertFalse(answer.contains("#"), () -> "Markdown headings are not quoted: " + answer);
        List<String> sentences = sentencesOf(answer);
        assertFalse(sentences.isEmpty(), answer);
        String files = normalized(LIGHTHOUSE + "\n" + BAKERY + "\n" + GLACIER);
        for (String sentence : sentences) {
            assertTrue(files.contains(sentence), () -> "not in the files: '" + sentence + "' (answer: " + answer + ")");
        }

        List<JsonNode> sources = new ArrayList<>();
        JSON.readTree(text(id, "sources")).elements().forEachRemaining(sources::add);
        assertFalse(sources.isEmpty());
        assertEquals(1, sources.get(0).path("n").asInt(), sources::toString);
        assertEquals(source("lighthouse.md"), sources.get(0).path("source").asText(), sources::toString);
        Map<String, JsonNode> manifest = manifestEntries();
        for (JsonNode cited : sources) {
            String source = cited.path("source").asText();
            assertTrue(manifest.containsKey(source), () -> "cited source is not one of this test's files: " + cited);
            int position = cited.path("position").asInt(-1);
            assertTrue(position >= 0 && position < manifest.get(source).path("chunks").asInt(), () -> "chunk position: " + cited);
            double relevance = cited.path("relevance").asDouble();
            assertTrue(relevance >= 0.3 && relevance <= 1.0, () -> "relevance: " + cited);
        }
        assertEquals(sources.stream().map(s -> s.path("n").asInt()).collect(Collectors.toCollection(TreeSet::new)), citedNumbers(answer),
                "the [n] of the answer are exactly its listed sources");
        assertTrue(number(id, "sources_found") >= sources.size());
    }

    @Test
    void questionTheFilesDoNotAnswerEndsAsNotFoundWithoutSources() throws Exception {
        write("lighthouse.md", LIGHTHOUSE);
        write("bakery.txt", BAKERY);
        preload();

        String id = ask("Which vaccine protects children against measles?");

        assertEquals(1, finished(id, "nothing_found"));
        assertEquals(0, finished(id, "synthesize"), "nothing is synthesized from nothing");
        assertFalse(bool(id, "found"));
        assertEquals(0, number(id, "sources_found"));
        assertEquals(NOT_FOUND, text(id, "answer"));
        assertEquals("NOT_FOUND", text(id, "answer_method"));
        assertNull(variable(id, "sources"));
        assertNull(variable(id, "top_source"));
    }

    @Test
    void rerunOnTheSameFolderReindexesTheChangedFileSkipsTheUnchangedOneAndRemovesTheDeletedOne() throws Exception {
        write("lighthouse.md", LIGHTHOUSE);
        write("bakery.txt", BAKERY);
        write("glacier.md", GLACIER);
        preload();
        Map<String, JsonNode> before = manifestEntries();
        assertEquals(source("glacier.md"), text(ask("How fast is the Velmora glacier retreating?"), "top_source"));

        write("bakery.txt", BAKERY_CHANGED);
        Files.delete(folder.resolve("glacier.md"));
        Map<String, Long> attemptsBefore = knowledgeAttempts();
        String id = startPreload();

        assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(id));
        assertEquals(1, number(id, "to_index"), "only the changed file is indexed");
        assertEquals(1, number(id, "unchanged"));
        assertEquals(1, number(id, "to_remove"));
        assertEquals(1, number(id, "removed"));
        assertEquals(1, finished(id, "index_source"));
        assertEquals(Map.of("nrOfInstances", 1, "nrOfCompletedInstances", 1, "nrOfActiveInstances", 0), progress(id));
        assertEquals(1L, attemptsSince(attemptsBefore).get("das.knowledge.index"));
        long bakeryBytes = size("bakery.txt");
        assertEquals(Map.of("sources_done", 2L, "sources_total", 2L, "bytes_done", bakeryBytes, "bytes_total", bakeryBytes,
                "eta_ms", 0L, "finished", true), withoutChunks(runProgress(id)), "one source indexed, one removed");

        Map<String, JsonNode> after = manifestEntries();
        assertEquals(Set.of(source("lighthouse.md"), source("bakery.txt")), after.keySet(), "the deleted file's entry is gone");
        assertEquals(before.get(source("lighthouse.md")), after.get(source("lighthouse.md")), "the unchanged file's entry is left as it was");
        JsonNode bakery = after.get(source("bakery.txt"));
        assertEquals("INDEXED", bakery.path("status").asText());
        assertEquals(bakery.path("chunks").asLong(), runProgress(id).get("chunks_done"), "chunks of the changed file, the only ones embedded");
        assertEquals(sha256(folder.resolve("bakery.txt")), bakery.path("sha256").asText(), "the changed file's entry describes its new content");
        assertNotEquals(before.get(source("bakery.txt")).path("sha256").asText(), bakery.path("sha256").asText());

        String bakeryAfter = ask("When does the Ostrava Street bakery open?");
        assertEquals(source("bakery.txt"), text(bakeryAfter, "top_source"));
        String answer = text(bakeryAfter, "answer");
        assertTrue(answer.contains("half past seven") && !answer.contains("six in the morning"), answer);
        String glacierAfter = ask("How fast is the Velmora glacier retreating?");
        assertEquals(1, finished(glacierAfter, "nothing_found"), "the deleted file is no longer retrievable");
        assertEquals(NOT_FOUND, text(glacierAfter, "answer"));
    }

    // --- starting the processes as a user does, and waiting for them ---

    private String startPreload() {
        return runtimeService.startProcessInstanceByKey("knowledge_preload", Map.of("folder", folder.toString())).getId();
    }

    private void preload() throws Exception {
        assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(startPreload()), "knowledge_preload of " + folder);
    }

    /** Starts rag_query and waits for it to complete; returns the instance id. */
    private String ask(String question) throws Exception {
        String id = runtimeService.startProcessInstanceByKey("rag_query", Map.of("question", question)).getId();
        assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(id), "rag_query: " + question);
        return id;
    }

    /** The instance's end state; fails at once with the incident's message if one is raised. */
    private String awaitEnd(String processInstanceId) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            HistoricProcessInstance history = historyService.createHistoricProcessInstanceQuery()
                    .processInstanceId(processInstanceId).singleResult();
            if (history != null && history.getEndTime() != null) {
                return history.getState();
            }
            List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(processInstanceId).list();
            if (!incidents.isEmpty()) {
                return fail("incident in " + processInstanceId + " at " + incidents.get(0).getActivityId() + ": "
                        + incidents.get(0).getIncidentMessage());
            }
            Thread.sleep(100);
        }
        return fail("process instance " + processInstanceId + " did not end within " + DEADLINE + ", active: "
                + runtimeService.getActiveActivityIds(processInstanceId));
    }

    // --- what the process reports ---

    /** A process variable (not an activity's local input of the same name): its scope is the instance itself. */
    private Object variable(String processInstanceId, String name) {
        HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).activityInstanceIdIn(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    private int number(String processInstanceId, String name) {
        Object value = variable(processInstanceId, name);
        assertInstanceOf(Number.class, value, name);
        return ((Number) value).intValue();
    }

    private String text(String processInstanceId, String name) {
        Object value = variable(processInstanceId, name);
        assertInstanceOf(String.class, value, name);
        return (String) value;
    }

    private boolean bool(String processInstanceId, String name) {
        Object value = variable(processInstanceId, name);
        assertInstanceOf(Boolean.class, value, name);
        return (Boolean) value;
    }

    /** The last values of the index multi-instance's counters (local to its body, so gone from the running scope). */
    private Map<String, Integer> progress(String processInstanceId) {
        Map<String, Integer> counters = new LinkedHashMap<>();
        for (String name : List.of("nrOfInstances", "nrOfCompletedInstances", "nrOfActiveInstances")) {
            List<HistoricVariableInstance> values = historyService.createHistoricVariableInstanceQuery()
                    .processInstanceId(processInstanceId).variableName(name).includeDeleted().list();
            assertEquals(1, values.size(), name);
            counters.put(name, ((Number) values.get(0).getValue()).intValue());
        }
        return counters;
    }

    /**
     * The knowledge_* variables every task of a preload writes, by their names without the prefix;
     * whole numbers as longs. Their elapsed time and rate are left out: they depend on the machine.
     */
    private Map<String, Object> runProgress(String processInstanceId) {
        Map<String, Object> progress = new LinkedHashMap<>();
        for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).activityInstanceIdIn(processInstanceId).variableNameLike("knowledge%").list()) {
            String name = variable.getName().startsWith("knowledge_") ? variable.getName().substring("knowledge_".length()) : "";
            if (!name.isEmpty() && !name.equals("elapsed_ms") && !name.equals("chunks_per_s")) {
                progress.put(name, variable.getValue() instanceof Number number ? (Object) number.longValue() : variable.getValue());
            }
        }
        return progress;
    }

    private static Map<String, Object> withoutChunks(Map<String, Object> progress) {
        Map<String, Object> rest = new LinkedHashMap<>(progress);
        rest.remove("chunks_done");
        return rest;
    }

    private long finished(String processInstanceId, String activityId) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId(activityId).finished().count();
    }

    // --- the PDEs that ran the tasks ---

    private Endpoint dasKnowledgeEndpoint() {
        return kernel.pdes().orElseThrow().endpoints().get("das-knowledge")
                .orElseThrow(() -> new AssertionError("das-knowledge is not registered with the kernel's PDEs"));
    }

    /** Attempts the router recorded on the das-knowledge endpoint, by task type. */
    private Map<String, Long> knowledgeAttempts() {
        return kernel.pdes().orElseThrow().routing().scores().stream()
                .filter(score -> score.endpointId().equals("das-knowledge"))
                .collect(Collectors.toMap(ScoreView::taskType, ScoreView::samples));
    }

    private Map<String, Long> attemptsSince(Map<String, Long> before) {
        Map<String, Long> since = new LinkedHashMap<>();
        knowledgeAttempts().forEach((taskType, samples) -> {
            long delta = samples - before.getOrDefault(taskType, 0L);
            if (delta != 0) {
                since.put(taskType, delta);
            }
        });
        return since;
    }

    // --- the knowledge base's files ---

    /** The server's knowledge data directory, resolved as the DAS resolves it (in the server's working directory). */
    private static Path dataDir() {
        return Path.of(ConfigProvider.getConfig().getOptionalValue("procos.knowledge.data-dir", String.class)
                .orElse("./data/knowledge")).toAbsolutePath().normalize();
    }

    /** This test's manifest entries, by source. */
    private Map<String, JsonNode> manifestEntries() throws IOException {
        Path manifest = dataDir().resolve("manifest.jsonl");
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        if (!Files.exists(manifest)) {
            return entries;
        }
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode entry = JSON.readTree(line);
                if (Path.of(entry.path("source").asText()).startsWith(folder)) {
                    entries.put(entry.path("source").asText(), entry);
                }
            }
        }
        return entries;
    }

    private static Path planFile(String scanId) {
        return dataDir().resolve("plans").resolve(scanId + ".json");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private long size(String name) throws IOException {
        return Files.size(folder.resolve(name));
    }

    private String source(String name) {
        return folder.resolve(name).toString();
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    // --- reading an extractive answer ---

    /** The answer's sentences without their [n] markers, whitespace collapsed. */
    private static List<String> sentencesOf(String answer) {
        List<String> sentences = new ArrayList<>();
        for (String part : CITATION.split(answer)) {
            if (!part.isBlank()) {
                sentences.add(normalized(part));
            }
        }
        return sentences;
    }

    private static Set<Integer> citedNumbers(String answer) {
        Set<Integer> numbers = new TreeSet<>();
        Matcher matcher = CITATION.matcher(answer);
        while (matcher.find()) {
            numbers.add(Integer.parseInt(matcher.group(1)));
        }
        return numbers;
    }

    private static String normalized(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
