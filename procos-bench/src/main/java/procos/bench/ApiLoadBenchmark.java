package procos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A small, bounded load test of the console's API on the packaged server, loopback only: concurrent
 * users asking questions ({@code POST /procos/api/ask}) and listing instances
 * ({@code GET /procos/api/instances}), side by side with Camunda's own REST list of the same instances
 * ({@code GET /procos/engine-rest/process-instance}) as the peer. The knowledge is the project's
 * {@code docs/} folder, preloaded at boot; the instances are waiting on a user task.
 *
 * <p>Prints p50/p95 latency and throughput per resource and number of users as Markdown and writes
 * them to {@code procos-bench/target/api-load-results.md}.
 */
public final class ApiLoadBenchmark {

    static final String USAGE = """
            ApiLoadBenchmark: the console API under concurrent users on the packaged server (loopback).

              --users N,N,…      concurrent users per level (default 1,4,8)
              --requests R       requests per resource and level, all users together (default 200)
              --instances I      instances started (and left waiting) before the run (default 500)
            """;
    private static final String PROCESS_KEY = "api_load_wait";
    private static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Questions the project's documentation answers; varied so the retrieval cache is not all that is measured. */
    private static final List<String> QUESTIONS = List.of(
            "How do I start the ProcOS server?",
            "Which database does ProcOS use by default?",
            "How are PDE endpoints configured?",
            "What does the deployment guard refuse?",
            "How does learned routing choose an endpoint?",
            "Where are the admin password and the gRPC token written?",
            "How do I use PostgreSQL instead of H2?",
            "What happens to acknowledged work after kill -9?",
            "How is a generated process approved and deployed?",
            "Which metrics does the kernel publish?",
            "How do I add documents to the knowledge base?",
            "What does the task template process do?");

    private final BenchServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ApiLoadBenchmark(BenchServer server) {
        this.server = server;
    }

    /** The figures of one resource at one level of concurrency. */
    record Cell(String resource, int users, int requests, int errors, double p50Ms, double p95Ms, double perSecond) {

        String row() {
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f | %.0f |", resource, users, requests, errors, p50Ms, p95Ms,
                    perSecond);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> levels = List.of(1, 4, 8);
        int requests = 200;
        int instances = 500;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--users" -> levels = Arrays.stream(BenchOptions.value(List.of(args), ++i, "--users").split(","))
                        .map(level -> BenchOptions.positive("--users", level)).toList();
                case "--requests" -> requests = BenchOptions.positive("--requests", BenchOptions.value(List.of(args), ++i, "--requests"));
                case "--instances" -> instances = BenchOptions.nonNegative("--instances", BenchOptions.value(List.of(args), ++i, "--instances"));
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        Path benchDir = BenchOptions.locateBenchDir();
        Path output = benchDir.resolve("target/api-load-server");
        BenchServer server = new BenchServer(BenchOptions.locateWlpHome(benchDir), output)
                .with("PROCOS_KNOWLEDGE_DIR", benchDir.getParent().resolve("docs").toString());
        server.requireInstalled();
        server.stopLeftover();
        DispatchBenchmark.deleteTree(output);
        Files.createDirectories(output);
        String header = String.format(Locale.ROOT, "API load: %s, %d cores, Java %s, users %s, %d requests per cell, %d waiting instances%n",
                ZonedDateTime.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), levels, requests,
                instances);
        System.out.print(header);
        List<Cell> cells = new ArrayList<>();
        try {
            server.start(Duration.ofMinutes(5));
            ApiLoadBenchmark bench = new ApiLoadBenchmark(server);
            bench.awaitKnowledge(Duration.ofMinutes(10));
            bench.seed(instances);
            for (int users : levels) {
                cells.add(bench.measure("POST /procos/api/ask", users, requests, bench::ask));
                cells.add(bench.measure("GET /procos/api/instances", users, requests, n -> bench.get("/procos/api/instances?state=active&limit=" + PAGE)));
                cells.add(bench.measure("peer: GET /procos/engine-rest/process-instance", users, requests,
                        n -> bench.get("/procos/engine-rest/process-instance?maxResults=" + PAGE + "&firstResult=0")));
            }
        } finally {
            server.close();
        }
        StringBuilder table = new StringBuilder(header).append('\n')
                .append("| resource | users | requests | errors | p50 ms | p95 ms | requests/s |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        cells.forEach(cell -> table.append(cell.row()).append('\n'));
        Path results = benchDir.resolve("target/api-load-results.md");
        Files.writeString(results, table);
        System.out.println();
        System.out.print(table);
        System.out.println("Written to " + results);
    }

    /** One request; answers its HTTP status. */
    interface Call {
        int send(int n) throws IOException, InterruptedException;
    }

    private Cell measure(String resource, int users, int requests, Call call) throws Exception {
        for (int n = 0; n < Math.max(20, users * 5); n++) {
            call.send(n);
        }
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(users, EngineRest.daemon("api-load-user"));
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                running.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        int status = call.send(n);
                        nanos[n] = System.nanoTime() - t0;
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> user : running) {
                user.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Cell cell = new Cell(resource, users, requests, errors.get(), LatencyBenchmark.Stats.rank(sorted, 0.50) / 1e6,
                LatencyBenchmark.Stats.rank(sorted, 0.95) / 1e6, requests / seconds);
        System.out.println(cell.row());
        return cell;
    }

    private int ask(int n) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("question", QUESTIONS.get(n % QUESTIONS.size())));
        return send(request("/procos/api/ask").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
    }

    private int get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build()).statusCode();
    }

    /** Waits until the boot's knowledge preload has indexed the docs folder, so every question has passages to cite. */
    private void awaitKnowledge(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        System.out.println("Waiting for the docs folder to be indexed …");
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = send(request("/procos/api/knowledge/sources?limit=200").GET().build());
            if (answer.statusCode() == 200) {
                JsonNode sources = JSON.readTree(answer.body()).path("items");
                long indexed = 0;
                for (JsonNode source : sources) {
                    indexed += "indexed".equals(source.path("status").asText()) ? 1 : 0;
                }
                if (indexed > 0 && indexed == sources.size()) {
                    System.out.printf("%d sources indexed%n", indexed);
                    return;
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the docs folder was not indexed within " + timeout);
    }

    private void seed(int instances) throws IOException, InterruptedException {
        EngineRest rest = new EngineRest(server.baseUrl() + "/procos/engine-rest", BenchServer.ADMIN);
        rest.deploy("procos-api-load", Map.of(PROCESS_KEY + ".bpmn", Bpmn.convertToString(waitingProcess())));
        for (int i = 0; i < instances; i++) {
            rest.start(PROCESS_KEY, Map.of("order", i));
        }
        System.out.printf("%d instances waiting on a user task%n", instances);
    }

    static BpmnModelInstance waitingProcess() {
        return Bpmn.createExecutableProcess(PROCESS_KEY).name("API load: wait for a person").camundaHistoryTimeToLive(1)
                .startEvent().userTask("review").name("Review").camundaCandidateGroups("operator").endEvent().done();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", BenchServer.ADMIN.basicHeader()).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
