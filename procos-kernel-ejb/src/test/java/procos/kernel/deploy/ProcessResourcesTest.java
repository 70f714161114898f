package procos.kernel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessResourcesTest {

    @TempDir
    Path folder;

    @Test
    void processSetIsTheShippedFilesWhenThereIsNoProcessesFolder() {
        Map<String, byte[]> set = ProcessResources.processSet(getClass().getClassLoader(), Optional.empty());

        assertThat(set).containsKeys("root_peo.bpmn", "rag_query.bpmn", "knowledge_preload.bpmn");
        assertThat(set.keySet()).allMatch(name -> name.endsWith(".bpmn"));
    }

    @Test
    void processesFolderAddsItsFilesAndReplacesShippedOnesOfTheSameName() throws IOException {
        Files.writeString(folder.resolve("extra.bpmn"), "<extra/>");
        Files.writeString(folder.resolve("rag_query.bpmn"), "<replaced/>");
        Files.writeString(folder.resolve("notes.txt"), "not a model");

        Map<String, byte[]> set = ProcessResources.processSet(getClass().getClassLoader(), Optional.of(folder));

        assertThat(new String(set.get("extra.bpmn"), StandardCharsets.UTF_8)).isEqualTo("<extra/>");
        assertThat(new String(set.get("rag_query.bpmn"), StandardCharsets.UTF_8)).isEqualTo("<replaced/>");
        assertThat(set).containsKey("root_peo.bpmn").doesNotContainKey("notes.txt");
    }
}
