package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultSinkTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"stdout", "STDOUT", "  stdout  ", "   "})
    void noSettingOrStdoutSelectsStandardOutput(String setting) {
        assertThat(DefaultSink.forSetting(setting)).isInstanceOf(StdoutSink.class);
    }

    @Test
    void aPathSelectsAnAppendingFileSinkAtThatPath() throws Exception {
        Path file = dir.resolve("logs/procos.log");

        LogSink sink = DefaultSink.forSetting(file.toString());

        assertThat(sink).isInstanceOf(FileSink.class);
        assertThat(((FileSink) sink).path()).isEqualTo(file);
        sink.write("hello");
        ((FileSink) sink).close();
        assertThat(Files.readAllLines(file)).containsExactly("hello");
    }

    @Test
    void theSystemPropertySelectsTheFile() throws Exception {
        Path file = dir.resolve("from-property.log");
        String before = System.getProperty(DefaultSink.PROPERTY);
        System.setProperty(DefaultSink.PROPERTY, file.toString());
        try {
            LogSink sink = DefaultSink.fromEnvironment();
            assertThat(sink).isInstanceOf(FileSink.class);
            assertThat(((FileSink) sink).path()).isEqualTo(file);
            ((FileSink) sink).close();
        } finally {
            if (before == null) {
                System.clearProperty(DefaultSink.PROPERTY);
            } else {
                System.setProperty(DefaultSink.PROPERTY, before);
            }
        }
    }

    @Test
    void aFileThatCannotBeOpenedFallsBackToStdoutAndSaysSo() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            LogSink sink = DefaultSink.forSetting(notADirectory.resolve("procos.log").toString());
            assertThat(sink).isInstanceOf(StdoutSink.class);
        } finally {
            System.setErr(originalErr);
        }
        assertThat(err.toString()).contains("cannot log to").contains("logging to stdout instead");
    }
}
