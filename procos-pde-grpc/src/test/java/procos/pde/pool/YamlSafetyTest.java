package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not YAML, not one document, too big or built to exhaust the parser. */
class YamlSafetyTest {

    @RegisterExtension
    final CapturedPoolLog log = new CapturedPoolLog();

    @Test
    void anEmptyFileIsRefused() {
        assertThat(PoolYaml.problems("")).containsExactly(
                "(document): is empty; expected a mapping with the key pde_manager");
        assertThat(PoolYaml.problems("# only a comment\n\n")).containsExactly(
                "(document): is empty; expected a mapping with the key pde_manager");
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLineAndColumn() {
        String yaml = """
                pde_manager:
                  node_id: n
                  pools: [
                """;

        assertThat(PoolYaml.problems(yaml)).singleElement().asString()
                .startsWith("(document): YAML syntax error at line 4, column 1: ");
    }

    @Test
    void aBadIndentIsReportedWithItsLine() {
        String yaml = "pde_manager:\n  node_id: n\n   pools: []\n";

        assertThat(PoolYaml.problems(yaml)).singleElement().asString()
                .startsWith("(document): YAML syntax error at line 3, column 9: mapping values are not allowed here");
    }

    @Test
    void aDocumentThatIsNotAMappingIsRefused() {
        assertThat(PoolYaml.problems("- a\n- b\n")).containsExactly(
                "(document): must be a mapping with the keys pde_manager, not a list");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aBillionLaughsAliasBombIsRefusedBeforeAnythingExpands() {
        StringBuilder bomb = new StringBuilder("pde_manager:\n  lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            String previous = "*lol" + (level - 1);
            bomb.append("  lol").append(level).append(": &lol").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
        }

        assertThat(PoolYaml.problems(bomb.toString())).containsExactly(
                "pde_manager.lol0: YAML anchors are not supported (found &lol0 at line 2, column 9);"
                        + " write the value out in full");
    }

    @Test
    void anAliasIsRefusedWhereItIsUsed() {
        // Jackson would otherwise read *somewhere as the text "somewhere" and carry on.
        String yaml = PoolYaml.MINIMAL.replace("node_id: test-node", "node_id: *somewhere");

        assertThat(PoolYaml.problems(yaml)).containsExactly("pde_manager.node_id: YAML aliases are not supported"
                + " (found *somewhere at line 2, column 12); write the value out in full");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "pde_manager:\n  node_id: " + "[".repeat(100) + "]".repeat(100) + "\n";

        assertThat(PoolYaml.problems(deep)).singleElement().asString()
                .startsWith("pde_manager.node_id" + "[0]".repeat(YamlTreeReader.MAX_DEPTH - 2))
                .contains("nested deeper than 16 levels");
    }

    @Test
    void duplicateKeysAreRefusedInsteadOfOverwritten() {
        String yaml = PoolYaml.MINIMAL.replace("  node_id: test-node", "  node_id: test-node\n  node_id: other")
                .replace("      instances: 1", "      instances: 1\n      instances: 5");

        assertThat(PoolYaml.problems(yaml)).containsExactly(
                "pde_manager.node_id: duplicate key (again at line 3, column 3)",
                "pde_manager.pools[0].instances: duplicate key (again at line 7, column 7)");
    }

    @Test
    void onlyOneDocumentIsAllowed() {
        assertThat(PoolYaml.problems(PoolYaml.MINIMAL + "---\n" + PoolYaml.MINIMAL)).singleElement().asString()
                .startsWith("(document): holds more than one YAML document");
    }

    @Test
    void aStreamOverOneMebibyteIsRefusedWithoutParsing() {
        String oversized = PoolYaml.MINIMAL + "#" + "x".repeat(PdeManagerConfigLoader.MAX_BYTES) + "\n";

        assertThat(PoolYaml.problems(oversized)).containsExactly(
                "(document): is larger than 1048576 bytes (1 MiB), the most a PDE manager file may be");
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.yaml");
        Files.writeString(file, PoolYaml.MINIMAL + "#" + "x".repeat(PdeManagerConfigLoader.MAX_BYTES) + "\n",
                StandardCharsets.UTF_8);

        InvalidPoolConfigException refused = catchThrowableOfType(InvalidPoolConfigException.class,
                () -> PdeManagerConfigLoader.load(file, Map.<String, String>of()::get));

        assertThat(refused.problems()).extracting(PoolConfigProblem::toString).containsExactly(
                "(document): is " + Files.size(file) + " bytes; a PDE manager file may be at most 1048576 bytes (1 MiB)");
    }

    @Test
    void aFileOfExactlyTheLimitIsStillRead() throws Exception {
        String padded = PoolYaml.MINIMAL + "#";
        padded = padded + "x".repeat(PdeManagerConfigLoader.MAX_BYTES - padded.length() - 1) + "\n";
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(PdeManagerConfigLoader.MAX_BYTES);

        try (InputStream in = PoolYaml.stream(padded)) {
            assertThat(PdeManagerConfigLoader.load(in, Map.<String, String>of()::get).nodeId()).isEqualTo("test-node");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFileFullOfMistakesIsRefusedWithABoundedReport() {
        StringBuilder yaml = new StringBuilder("pde_manager:\n  node_id: n\n  endpoints:\n");
        for (int i = 0; i < 5_000; i++) {
            yaml.append("    - {id: e").append(i).append(", kind: builtin}\n");
        }
        yaml.append("  pools:\n    - type: general_purpose\n      instances: 1\n      max_concurrent_tasks: 1\n"
                + "      task_types: [t]\n      endpoints:\n");
        for (int i = 0; i < 20_000; i++) {
            yaml.append("        - missing").append(i).append('\n');
        }

        InvalidPoolConfigException refused = PoolYaml.refusal(yaml.toString(), Map.of());

        assertThat(refused.problems()).hasSize(Problems.MAX_LISTED + 1);
        assertThat(refused.problems().get(0).toString()).startsWith(
                "pde_manager.pools[0].endpoints[0]: unknown endpoint 'missing0' (declared: e0, e1, e10, e100,");
        assertThat(refused.problems().get(0).message()).endsWith(", … (5000 in all))");
        assertThat(refused.problems().get(Problems.MAX_LISTED).toString()).isEqualTo(
                "(document): 19800 more problems not listed; fix the ones above first");
    }
}
