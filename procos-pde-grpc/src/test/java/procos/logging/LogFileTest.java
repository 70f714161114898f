package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {

    @TempDir
    Path dir;

    @Test
    void theLogFileIsTheActiveFileSinksPathAndNoneForOtherSinks() throws Exception {
        Path file = dir.resolve("logs/procos.jsonl");
        try (FileSink sink = new FileSink(file); SinkOverride ignored = StructuredLogger.useSink(sink)) {
            assertThat(StructuredLogger.logFile()).contains(file);
        }
        try (SinkOverride ignored = StructuredLogger.useSink(new InMemorySink())) {
            assertThat(StructuredLogger.logFile()).isEmpty();
        }
    }
}
