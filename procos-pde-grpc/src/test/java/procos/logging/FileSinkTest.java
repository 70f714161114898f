package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    @TempDir
    Path dir;

    @Test
    void createsMissingParentDirectoriesAndWritesUtf8Lines() throws Exception {
        Path file = dir.resolve("a/b/procos.log");
        try (FileSink sink = new FileSink(file)) {
            sink.write("{\"msg\":\"Grüße – 日本\"}");
        }

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly("{\"msg\":\"Grüße – 日本\"}");
    }

    @Test
    void appendsToExistingContentInsteadOfTruncatingIt() throws Exception {
        Path file = dir.resolve("procos.log");
        Files.writeString(file, "earlier\n");
        try (FileSink sink = new FileSink(file)) {
            sink.write("later");
        }
        try (FileSink reopened = new FileSink(file)) {
            reopened.write("latest");
        }

        assertThat(Files.readAllLines(file)).containsExactly("earlier", "later", "latest");
    }

    @Test
    void eachLineIsOnDiskAsSoonAsItIsWritten() throws Exception {
        Path file = dir.resolve("procos.log");
        try (FileSink sink = new FileSink(file)) {
            sink.write("visible");
            assertThat(Files.readAllLines(file)).containsExactly("visible");
        }
    }

    @Test
    void linesLoggedFromManyThreadsAreNeverInterleaved() throws Exception {
        int threads = 8;
        int perThread = 300;
        String padding = "x".repeat(4000); // larger than typical buffers, to provoke torn writes
        Path file = dir.resolve("concurrent/procos.log");
        StructuredLogger log = StructuredLogger.forComponent("file-test");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (FileSink sink = new FileSink(file); SinkOverride override = StructuredLogger.useSink(sink)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        log.info("tick").with("thread", thread).with("seq", i).with("padding", padding).log();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(threads * perThread);
        Map<Integer, Integer> nextSeqPerThread = new HashMap<>();
        for (String raw : lines) {
            JsonNode line = CapturedLog.parse(raw); // a torn line would not parse
            int thread = line.get("thread").asInt();
            int expected = nextSeqPerThread.getOrDefault(thread, 0);
            assertThat(line.get("seq").asInt()).as("order within thread %d", thread).isEqualTo(expected);
            assertThat(line.get("padding").asText()).isEqualTo(padding);
            nextSeqPerThread.put(thread, expected + 1);
        }
        assertThat(nextSeqPerThread).hasSize(threads).allSatisfy((t, count) -> assertThat(count).isEqualTo(perThread));
    }
}
