package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ValidateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aPassingModelExitsZero() throws IOException {
        assertThat(run(file("clean.bpmn", Models.CLEAN).toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PASSES: 0 errors, 0 warnings");
    }

    @Test
    void aRefusedModelExitsOneAndPrintsSeverityRuleElementMessage() throws IOException {
        Path model = file("dup.bpmn", Models.CLEAN.replace("<bpmn:endEvent id=\"end\" name=\"Invoice checked\"/>",
                "<bpmn:endEvent id=\"end\" name=\"Invoice checked\"/><bpmn:startEvent id=\"again\" name=\"Invoice resent\"/>"));

        assertThat(run(model.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ERROR structure.start_events again ");
    }

    @Test
    void jsonOutputIsAnArrayOfFindings() throws IOException {
        assertThat(run(file("bad.bpmn", "<definitions>").toString(), "--json")).isEqualTo(1);

        JsonNode findings = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(findings.isArray()).isTrue();
        assertThat(findings.get(0).get("rule").asText()).isEqualTo(Rules.XML_MALFORMED);
        assertThat(findings.get(0).get("severity").asText()).isEqualTo("ERROR");
    }

    @Test
    void wrongArgumentsAndMissingFilesExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
        assertThat(run(dir.resolve("absent.bpmn").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }
}
