package it.procos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes, and what survives them. The packaged server is killed with SIGKILL while 8 threads start
 * instances of a two-task process over Camunda's REST API and its dispatcher works their external
 * tasks; after a restart every start it had acknowledged must exist and end, and the tasks that ran
 * twice (at-least-once) are bounded by those it held locked at the kill. Once on the default H2
 * database, once on PostgreSQL. Then a standalone PDE node is killed in the middle of its tasks, and
 * every instance ends on the other node.
 */
class CrashRecoveryIT {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(3);
    private static final int STARTERS = 8;
    /** Acknowledged starts before the kill: enough for the dispatcher to be busy. */
    private static final int STARTS_BEFORE_KILL = 100;
    /** Upper bound of the starts one thread makes, so the load stops by itself. */
    private static final int MAX_STARTS_PER_THREAD = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void everyStartAcknowledgedBeforeAKillSurvivesAndEndsOnTheDefaultH2Database() throws Exception {
        CrashFigures figures = crashWhileStartingAndRecover("h2", Map.of());

        assertThat(figures.nodeIdBefore()).as("the generated node id is kept across the restart").isEqualTo(figures.nodeIdAfter());
        assertThat(Files.getPosixFilePermissions(work.resolve("out/procos/node.id"))).as("readable by its owner only")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void everyStartAcknowledgedBeforeAKillSurvivesAndEndsOnPostgresql() throws Exception {
        assumeFalse(Boolean.getBoolean("procos.it.postgres.skip"), "PostgreSQL runs are skipped (it.postgres.skip)");
        String baseUrl = System.getProperty("procos.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("procos.it.postgres.user", "postgres");
        String password = System.getProperty("procos.it.postgres.password", "");
        String database = "procos_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(baseUrl, user, password); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
        try {
            crashWhileStartingAndRecover("postgresql", Map.of(
                    "PROCOS_DB_URL", baseUrl.substring(0, baseUrl.lastIndexOf('/') + 1) + database,
                    "PROCOS_DB_USER", user,
                    "PROCOS_DB_PASSWORD", password));
        } finally {
            dropQuietly(baseUrl, user, password, database);
        }
    }

    /**
     * Two PDE nodes serve {@code script.run}; each task sleeps a second on its node. One node is
     * killed while it runs tasks: those calls fail as UNAVAILABLE, the server sends them to the other
     * node at once, and every instance ends there.
     */
    @Test
    void tasksRunningOnAKilledPdeNodeFinishOnTheOtherNode() throws Exception {
        Path scripts = Files.createDirectories(work.resolve("scripts"));
        Files.writeString(scripts.resolve("slow.sh"), "sleep 1\n");
        List<PdeNode> nodes = List.of(PdeNode.start("node-a", freePort(), scripts, work),
                PdeNode.start("node-b", freePort(), scripts, work));
        Path serverYaml = Files.writeString(work.resolve("server-pde.yaml"), """
                pde_manager:
                  node_id: crash-it-server
                  pools:
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 8
                      endpoints: [noop]
                    - type: integration
                      instances: 1
                      max_concurrent_tasks: 4
                      endpoints: [noop]
                      task_types: [script.run]
                  endpoints:
                    - id: noop
                      kind: builtin
                  nodes:
                    - id: node-a
                      address: localhost:%d
                      pde_types: [integration]
                    - id: node-b
                      address: localhost:%d
                      pde_types: [integration]
                """.formatted(nodes.get(0).port(), nodes.get(1).port()));
        Path processes = processesFolder("crash_slow", "script.run", "<camunda:inputParameter name=\"script_file\">slow.sh</camunda:inputParameter>");
        try (ProcosServer server = new ProcosServer(work.resolve("out"))
                .with("PROCOS_PROCESSES_DIR", processes.toString())
                .with("PROCOS_PDE_CONFIG", serverYaml.toString())) {
            server.start();
            assertThat(server.awaitBooted(BOOT_TIMEOUT).status()).isEqualTo(200);
            for (PdeNode node : nodes) {
                node.awaitServing();
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(startInstance(server, "crash_slow"));
            }
            PdeNode killed = nodes.get(0);
            PdeNode survivor = nodes.get(1);
            await(() -> !killed.running().isEmpty(), "node-a to be running tasks");
            Set<String> runningAtKill = killed.running();
            killed.kill();

            Map<String, JsonNode> ended = awaitEnded(server, "crash_slow", ids);

            assertThat(ended.values()).allSatisfy(instance -> assertThat(instance.path("state").asText()).isEqualTo("COMPLETED"));
            Set<String> finishedOnSurvivor = survivor.succeeded();
            assertThat(finishedOnSurvivor).as("the tasks node-a was running when it died ran again on node-b")
                    .containsAll(runningAtKill);
            System.out.printf("[crash pde-node] instances=%d, tasks in flight on node-a at its kill=%d, finished on node-a "
                            + "before it=%d, finished on node-b=%d (all %d instances COMPLETED)%n", ids.size(), runningAtKill.size(),
                    killed.succeeded().size(), finishedOnSurvivor.size(), ended.size());
        } finally {
            for (PdeNode node : nodes) {
                node.kill();
            }
        }
    }

    /** What one crash-and-recover run measured; printed, and checked by the run itself. */
    private record CrashFigures(String nodeIdBefore, String nodeIdAfter) {
    }

    /**
     * Starts instances from {@link #STARTERS} threads, kills the server once {@link #STARTS_BEFORE_KILL}
     * were acknowledged, restarts it and checks every acknowledged instance.
     */
    private CrashFigures crashWhileStartingAndRecover(String database, Map<String, String> environment) throws Exception {
        Path processes = processesFolder("crash_echo", "echo", "");
        Path out = work.resolve("out");
        ProcosServer server = new ProcosServer(out)
                .with("PROCOS_PROCESSES_DIR", processes.toString())
                // Locks outlive the restart, so every task locked at the kill is still locked at the next boot.
                .with("PROCOS_PDE_LOCK_DURATION", "PT5M");
        environment.forEach(server::with);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String nodeIdBefore;
        try (server) {
            server.start();
            assertThat(server.awaitBooted(BOOT_TIMEOUT).status()).isEqualTo(200);
            nodeIdBefore = Files.readString(out.resolve("procos/node.id")).strip();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
            for (int i = 0; i < STARTERS; i++) {
                starters.execute(() -> {
                    for (int n = 0; n < MAX_STARTS_PER_THREAD && !killed.get(); n++) {
                        try {
                            acknowledged.add(startInstance(server, "crash_echo"));
                        } catch (IOException | RuntimeException | AssertionError refusedOrCut) {
                            // the server died under this request: it was never acknowledged
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            await(() -> acknowledged.size() >= STARTS_BEFORE_KILL, STARTS_BEFORE_KILL + " acknowledged starts");
            server.kill();
            killed.set(true);
            starters.shutdown();
            assertThat(starters.awaitTermination(1, TimeUnit.MINUTES)).as("the starters stop").isTrue();
            int acknowledgedAtKill = acknowledged.size();

            server.start();
            assertThat(server.awaitBooted(BOOT_TIMEOUT).status()).isEqualTo(200);
            Map<String, JsonNode> history = historyOf(server, "crash_echo");
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(history.keySet());
            assertThat(missing).as("acknowledged instances that do not exist after the restart, not even in history").isEmpty();

            Map<String, JsonNode> ended = awaitEnded(server, "crash_echo", acknowledged);
            assertThat(ended.values()).allSatisfy(instance -> assertThat(instance.path("state").asText()).isEqualTo("COMPLETED"));

            List<JsonNode> events = events(server.jsonLog());
            List<JsonNode> dispatcherStarts = events.stream().filter(event("dispatcher_started")).toList();
            assertThat(dispatcherStarts).hasSize(2);
            int releasedAtRestart = dispatcherStarts.get(1).path("stale_locks_released").asInt();
            Map<String, Integer> runs = new HashMap<>();
            events.stream().filter(event("task_finished")).filter(line -> line.path("peo_id").asText().equals("crash_echo"))
                    .forEach(line -> runs.merge(line.path("task_id").asText(), 1, Integer::sum));
            long ranTwice = runs.values().stream().filter(count -> count > 1).count();
            String nodeIdAfter = Files.readString(out.resolve("procos/node.id")).strip();
            System.out.printf("[crash %s] acknowledged starts=%d (instances in history: %d), missing=0, all %d COMPLETED; "
                            + "tasks locked by this node at the kill (released at restart)=%d, tasks run twice=%d, tasks run=%d; "
                            + "node id %s before and %s after%n", database, acknowledgedAtKill, history.size(), ended.size(),
                    releasedAtRestart, ranTwice, runs.size(), nodeIdBefore, nodeIdAfter);
            assertThat(dispatcherStarts).allSatisfy(start -> assertThat(start.path("worker_id").asText()).isEqualTo(nodeIdBefore));
            assertThat(ranTwice).as("only tasks locked at the kill can run twice").isLessThanOrEqualTo(releasedAtRestart);
            assertThat(runs.values()).as("no task ran more than twice").allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
            return new CrashFigures(nodeIdBefore, nodeIdAfter);
        }
    }

    /** A folder with one process: start, two external tasks on {@code topic} (with {@code inputs}), end. */
    private Path processesFolder(String key, String topic, String inputs) throws IOException {
        String task = """
                    <bpmn:serviceTask id="%s" camunda:type="external" camunda:topic="%s">
                      <bpmn:extensionElements><camunda:inputOutput>%s</camunda:inputOutput></bpmn:extensionElements>
                    </bpmn:serviceTask>
                """;
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://procos.io/it" id="defs">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
                %s    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second"/>
                %s    <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, task.formatted("first", topic, inputs), task.formatted("second", topic, inputs));
        Path folder = Files.createDirectories(work.resolve("processes"));
        Files.writeString(folder.resolve(key + ".bpmn"), bpmn);
        return folder;
    }

    /** Starts one instance over Camunda's REST API; its id once the server answered 200. */
    private static String startInstance(ProcosServer server, String key) throws IOException, InterruptedException {
        ProcosServer.Health started = server.post("/procos/engine-rest/process-definition/key/" + key + "/start", "{}");
        if (started.status() != 200) {
            throw new IOException("start answered " + started.status() + ": " + started.body());
        }
        return started.body().path("id").asText();
    }

    /** Every instance of {@code key} in the engine's history, by id. */
    private static Map<String, JsonNode> historyOf(ProcosServer server, String key) throws IOException, InterruptedException {
        ProcosServer.Health found = server.get("/procos/engine-rest/history/process-instance?processDefinitionKey=" + key
                + "&maxResults=100000");
        assertThat(found.status()).as(found.body().toString()).isEqualTo(200);
        Map<String, JsonNode> byId = new HashMap<>();
        found.body().forEach(instance -> byId.put(instance.path("id").asText(), instance));
        return byId;
    }

    /** Waits until every one of {@code ids} has ended; their history entries. */
    private static Map<String, JsonNode> awaitEnded(ProcosServer server, String key, Set<String> ids) throws Exception {
        long deadline = System.nanoTime() + COMPLETION_TIMEOUT.toNanos();
        while (true) {
            Map<String, JsonNode> history = historyOf(server, key);
            Map<String, JsonNode> ended = new HashMap<>();
            Set<String> open = new HashSet<>();
            for (String id : ids) {
                JsonNode instance = history.get(id);
                if (instance != null && !instance.path("endTime").isNull() && !instance.path("endTime").isMissingNode()) {
                    ended.put(id, instance);
                } else {
                    open.add(id);
                }
            }
            if (open.isEmpty()) {
                return ended;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(open.size() + " of " + ids.size() + " instances did not end within " + COMPLETION_TIMEOUT
                        + ", e.g. " + open.stream().limit(5).toList() + "; external tasks: "
                        + server.get("/procos/engine-rest/external-task?processDefinitionKey=" + key + "&maxResults=5").body());
            }
            Thread.sleep(1000);
        }
    }

    private static Map<String, JsonNode> awaitEnded(ProcosServer server, String key, List<String> ids) throws Exception {
        return awaitEnded(server, key, new HashSet<>(ids));
    }

    private static List<JsonNode> events(Path jsonLog) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(jsonLog)) {
            try {
                events.add(JSON.readTree(line));
            } catch (IOException notJson) {
                // not an event line
            }
        }
        return events;
    }

    private static Predicate<JsonNode> event(String name) {
        return line -> line.path("event").asText().equals(name);
    }

    /** Polls {@code condition}; the bound only keeps a broken run from hanging, it is no expectation of speed. */
    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 5 minutes for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void dropQuietly(String baseUrl, String user, String password, String database) {
        try (Connection admin = DriverManager.getConnection(baseUrl, user, password); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop the test database " + database + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A standalone PDE node (the node jar the build made) serving {@code script.run} from
     * {@code scripts}, 4 tasks at once, logging at DEBUG so its output shows which tasks it has
     * received and which it finished.
     */
    private record PdeNode(String id, int port, Process process, Path output) {

        static PdeNode start(String id, int port, Path scripts, Path work) throws IOException {
            Path config = Files.writeString(work.resolve(id + ".yaml"), """
                    pde_manager:
                      node_id: %s
                      pools:
                        - type: integration
                          instances: 1
                          max_concurrent_tasks: 4
                          endpoints: [scripts]
                          task_types: [script.run]
                      endpoints:
                        - id: scripts
                          kind: script
                          settings:
                            sandbox_root: %s
                            scripts_dir: %s
                            allowed_commands: sh
                    """.formatted(id, work.resolve(id + "-runs"), scripts));
            Path output = work.resolve(id + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("procos.node.jar"), "--config", config.toString(), "--port", String.valueOf(port), "--dev")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            builder.environment().keySet().removeIf(variable -> variable.startsWith("PROCOS_"));
            builder.environment().put("PROCOS_LOG_LEVEL", "DEBUG");
            return new PdeNode(id, port, builder.start(), output);
        }

        void awaitServing() throws InterruptedException {
            await(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(id + " exited with " + process.exitValue() + ":\n" + log());
                }
                return log().contains("\"event\":\"pde_node_started\"");
            }, id + " to start");
        }

        /** Kills the JVM (SIGKILL) and waits until it is gone. */
        void kill() throws Exception {
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        }

        /** Tasks it received over gRPC and has not answered. */
        Set<String> running() {
            Set<String> running = new HashSet<>(taskIds("task_received", line -> true));
            running.removeAll(taskIds("task_finished", line -> line.has("rpc")));
            return running;
        }

        /** Tasks it answered SUCCEEDED over gRPC. */
        Set<String> succeeded() {
            return taskIds("task_finished", line -> line.has("rpc") && line.path("task_status").asText().equals("SUCCEEDED"));
        }

        private Set<String> taskIds(String event, Predicate<JsonNode> filter) {
            Set<String> ids = new HashSet<>();
            for (String line : log().lines().toList()) {
                if (line.startsWith("{") && line.contains("\"event\":\"" + event + "\"")) {
                    try {
                        JsonNode json = JSON.readTree(line);
                        if (filter.test(json)) {
                            ids.add(json.path("task_id").asText());
                        }
                    } catch (IOException halfWritten) {
                        // the last line of a log being written
                    }
                }
            }
            return ids;
        }

        private String log() {
            try {
                return Files.exists(output) ? Files.readString(output) : "";
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
