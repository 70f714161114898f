package procos.pde.endpoint.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static procos.pde.endpoint.Invocations.relaxed;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.EndpointException;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.v1.Capability;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;

class FilesEndpointTest {

    private static final String SECRET = "TOP-SECRET-OUTSIDE";

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    @TempDir
    Path temp;

    private Path root;
    private Path outside;
    private FilesEndpoint files;

    @BeforeEach
    void sandbox() throws IOException {
        root = temp.resolve("root");
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        files = endpoint(Map.of());
    }

    // --- the operations

    @Test
    void theRootIsCreatedWhenMissingAndKeptAsItsRealPath() throws IOException {
        assertThat(root).isDirectory();
        assertThat(files.settings().root()).isEqualTo(root.toRealPath());
        assertThat(files.settings().readOnly()).isFalse();
        assertThat(files.settings().maxFileBytes()).isEqualTo(10L << 20);
    }

    @Test
    void aWrittenTextFileReadsBackWithItsByteSize() throws Exception {
        Struct written = run(FilesEndpoint.WRITE, inputs("path", "notes/hello.txt", "content", "Grüße ✓",
                "create_dirs", true));
        Struct read = run(FilesEndpoint.READ, inputs("path", "notes/hello.txt"));

        assertThat(text(written, "path")).isEqualTo("notes/hello.txt");
        assertThat(number(written, "size")).isEqualTo(11);
        assertThat(root.resolve("notes/hello.txt")).hasContent("Grüße ✓");
        assertThat(text(read, "content")).isEqualTo("Grüße ✓");
        assertThat(number(read, "size")).isEqualTo(11);
        assertThat(text(read, "encoding")).isEqualTo("utf-8");
    }

    @Test
    void binaryContentRoundTripsThroughBase64() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        String encoded = Base64.getEncoder().encodeToString(bytes);

        run(FilesEndpoint.WRITE, inputs("path", "blob.bin", "content", encoded, "encoding", "base64"));
        Struct read = run(FilesEndpoint.READ, inputs("path", "blob.bin", "encoding", "BASE64"));

        assertThat(Files.readAllBytes(root.resolve("blob.bin"))).isEqualTo(bytes);
        assertThat(text(read, "content")).isEqualTo(encoded);
        assertThat(text(read, "encoding")).isEqualTo("base64");
        assertThat(number(read, "size")).isEqualTo(256);
        EndpointException asText = refused(FilesEndpoint.READ, inputs("path", "blob.bin"));
        assertThat(asText.code()).isEqualTo("INVALID_INPUT");
        assertThat(asText.getMessage()).contains("base64");
    }

    @Test
    void wrappedBase64IsAcceptedButNotGarbage() throws Exception {
        run(FilesEndpoint.WRITE, inputs("path", "wrapped.txt", "content", "aGVs\nbG8=", "encoding", "base64"));

        assertThat(root.resolve("wrapped.txt")).hasContent("hello");
        assertThat(refused(FilesEndpoint.WRITE, inputs("path", "bad.txt", "content", "not base64!", "encoding", "base64"))
                .code()).isEqualTo("INVALID_INPUT");
        assertThat(root.resolve("bad.txt")).doesNotExist();
    }

    @Test
    void missingDirectoriesAreCreatedOnlyWhenAsked() throws Exception {
        EndpointException refused = refused(FilesEndpoint.WRITE, inputs("path", "a/b/c.txt", "content", "x"));

        assertThat(refused.code()).isEqualTo("NOT_FOUND");
        assertThat(root.resolve("a")).doesNotExist();
        run(FilesEndpoint.WRITE, inputs("path", "a/b/c.txt", "content", "x", "create_dirs", "true"));
        assertThat(root.resolve("a/b/c.txt")).hasContent("x");
    }

    @Test
    void anExistingFileIsReplacedOnlyWithOverwrite() throws Exception {
        run(FilesEndpoint.WRITE, inputs("path", "report.txt", "content", "first"));

        EndpointException refused = refused(FilesEndpoint.WRITE, inputs("path", "report.txt", "content", "second"));
        assertThat(refused.code()).isEqualTo("FILE_EXISTS");
        assertThat(refused.retryable()).isFalse();
        assertThat(root.resolve("report.txt")).hasContent("first");

        run(FilesEndpoint.WRITE, inputs("path", "report.txt", "content", "third", "overwrite", true));
        assertThat(root.resolve("report.txt")).hasContent("third");
        assertThat(namesIn(root)).containsExactly("report.txt");
    }

    @Test
    void aFailedOverwriteLeavesTheOldFileWhole() throws Exception {
        FilesEndpoint small = endpoint(Map.of("max_file_bytes", "8"));
        run(small, FilesEndpoint.WRITE, inputs("path", "f.txt", "content", "12345678"));

        EndpointException refused = refused(small, FilesEndpoint.WRITE,
                inputs("path", "f.txt", "content", "123456789", "overwrite", true));

        assertThat(refused.code()).isEqualTo("FILE_TOO_LARGE");
        assertThat(root.resolve("f.txt")).hasContent("12345678");
        assertThat(namesIn(root)).containsExactly("f.txt");
    }

    @Test
    void aDirectoryIsNeitherReadNorOverwritten() throws Exception {
        Files.createDirectories(root.resolve("dir"));

        assertThat(refused(FilesEndpoint.READ, inputs("path", "dir")).code()).isEqualTo("INVALID_INPUT");
        assertThat(refused(FilesEndpoint.WRITE, inputs("path", "dir", "content", "x", "overwrite", true)).code())
                .isEqualTo("INVALID_INPUT");
        assertThat(refused(FilesEndpoint.WRITE, inputs("path", "", "content", "x")).code()).isEqualTo("INVALID_INPUT");
        assertThat(root.resolve("dir")).isDirectory();
    }

    @Test
    void aFileCannotBeUsedAsADirectory() throws Exception {
        Files.writeString(root.resolve("plain.txt"), "x");

        assertThat(refused(FilesEndpoint.WRITE, inputs("path", "plain.txt/child.txt", "content", "x", "create_dirs", true))
                .code()).isEqualTo("INVALID_INPUT");
        assertThat(refused(FilesEndpoint.LIST, inputs("path", "plain.txt")).code()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void aMissingFileIsNotFound() {
        EndpointException missing = refused(FilesEndpoint.READ, inputs("path", "nowhere/nothing.txt"));
        EndpointException missingLeaf = refused(FilesEndpoint.READ, inputs("path", "nothing.txt"));

        assertThat(missing.code()).isEqualTo("NOT_FOUND");
        assertThat(missing.retryable()).isFalse();
        assertThat(missing.getMessage()).contains("'nowhere/nothing.txt'").doesNotContain(temp.toString());
        assertThat(missingLeaf.code()).isEqualTo("NOT_FOUND");
        assertThat(refused(FilesEndpoint.LIST, inputs("path", "nowhere")).code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void listingGivesSortedEntriesWithTypesAndSizes() throws Exception {
        Files.createDirectories(root.resolve("b-dir/inner"));
        Files.writeString(root.resolve("b-dir/inner/deep.txt"), "deep");
        Files.writeString(root.resolve("a.txt"), "12345");
        Files.writeString(root.resolve("c.txt"), "");
        Files.writeString(root.resolve(".procos-write-1234.tmp"), "a write in progress");

        Struct flat = run(FilesEndpoint.LIST, inputs());
        Struct recursive = run(FilesEndpoint.LIST, inputs("path", ".", "recursive", true));
        Struct sub = run(FilesEndpoint.LIST, inputs("path", "b-dir"));

        assertThat(entries(flat)).containsExactly("a.txt file 5", "b-dir directory 0", "c.txt file 0");
        assertThat(flat.getFieldsOrThrow("truncated").getBoolValue()).isFalse();
        assertThat(entries(recursive)).containsExactly("a.txt file 5", "b-dir directory 0", "b-dir/inner directory 0",
                "b-dir/inner/deep.txt file 4", "c.txt file 0");
        assertThat(entries(sub)).containsExactly("b-dir/inner directory 0");
    }

    @Test
    void aLongListingIsTruncatedAtMaxEntries() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(root.resolve("f" + i + ".txt"), "x");
        }

        Struct truncated = run(FilesEndpoint.LIST, inputs("max_entries", 3));
        Struct exact = run(FilesEndpoint.LIST, inputs("max_entries", "5"));

        assertThat(entries(truncated)).containsExactly("f0.txt file 1", "f1.txt file 1", "f2.txt file 1");
        assertThat(truncated.getFieldsOrThrow("truncated").getBoolValue()).isTrue();
        assertThat(entries(exact)).hasSize(5);
        assertThat(exact.getFieldsOrThrow("truncated").getBoolValue()).isFalse();
    }

    @Test
    void deleteRemovesFilesAndEmptyDirectoriesAndIsSafeToRepeat() throws Exception {
        Files.writeString(root.resolve("gone.txt"), "x");
        Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(root.resolve("full"));
        Files.writeString(root.resolve("full/x.txt"), "x");

        assertThat(run(FilesEndpoint.DELETE, inputs("path", "gone.txt")).getFieldsOrThrow("deleted").getBoolValue()).isTrue();
        assertThat(run(FilesEndpoint.DELETE, inputs("path", "gone.txt")).getFieldsOrThrow("deleted").getBoolValue()).isFalse();
        assertThat(run(FilesEndpoint.DELETE, inputs("path", "no/such/dir/x")).getFieldsOrThrow("deleted").getBoolValue())
                .isFalse();
        assertThat(run(FilesEndpoint.DELETE, inputs("path", "empty")).getFieldsOrThrow("deleted").getBoolValue()).isTrue();
        assertThat(refused(FilesEndpoint.DELETE, inputs("path", "full")).code()).isEqualTo("DIRECTORY_NOT_EMPTY");
        assertThat(refused(FilesEndpoint.DELETE, inputs("path", ".")).code()).isEqualTo("INVALID_INPUT");
        assertThat(root.resolve("gone.txt")).doesNotExist();
        assertThat(root.resolve("full/x.txt")).exists();
        assertThat(root).isDirectory();
    }

    // --- the sandbox

    static Stream<Arguments> escapes() {
        return Stream.of("../outside/secret.txt", "a/../../outside/secret.txt", "/etc/passwd", "C:\\x", "c:/x",
                        "..\\outside\\secret.txt", "\\\\server\\share\\x", "secret.txt\0.png", "a/..")
                .flatMap(path -> Stream.of(FilesEndpoint.READ, FilesEndpoint.WRITE, FilesEndpoint.LIST, FilesEndpoint.DELETE)
                        .map(operation -> Arguments.of(operation, path)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("escapes")
    void pathsLeavingTheRootAreRefusedForEveryOperation(String operation, String path) throws IOException {
        EndpointException refused = refused(operation, inputs("path", path, "content", "overwritten",
                "overwrite", true, "create_dirs", true));

        assertThat(refused.code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).contains(FileErrors.show(path)).doesNotContain(temp.toString());
        assertThat(outside.resolve("secret.txt")).hasContent(SECRET);
        assertThat(namesIn(root)).isEmpty();
    }

    @Test
    void anEncodedDotDotIsJustAName() throws Exception {
        run(FilesEndpoint.WRITE, inputs("path", "%2e%2e/%2e%2e/outside/secret.txt", "content", "literal", "create_dirs", true));

        assertThat(root.resolve("%2e%2e/%2e%2e/outside/secret.txt")).hasContent("literal");
        assertThat(outside.resolve("secret.txt")).hasContent(SECRET);
        assertThat(refused(FilesEndpoint.READ, inputs("path", "%2e%2e%2foutside%2fsecret.txt")).code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aLinkToAFileOutsideIsRefusedForReadWriteAndList() throws Exception {
        link(root.resolve("leak.txt"), outside.resolve("secret.txt"));

        EndpointException read = refused(FilesEndpoint.READ, inputs("path", "leak.txt"));
        EndpointException write = refused(FilesEndpoint.WRITE, inputs("path", "leak.txt", "content", "x", "overwrite", true));

        assertThat(read.code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(read.getMessage()).contains("'leak.txt'").doesNotContain(outside.toString());
        assertThat(write.code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(outside.resolve("secret.txt")).hasContent(SECRET);
        assertThat(refused(FilesEndpoint.LIST, inputs("path", "leak.txt")).code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(entries(run(FilesEndpoint.LIST, inputs("recursive", true)))).isEmpty();
    }

    @Test
    void aLinkToADirectoryOutsideLeadsNowhere() throws Exception {
        link(root.resolve("out"), outside);

        assertThat(refused(FilesEndpoint.READ, inputs("path", "out/secret.txt")).code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(refused(FilesEndpoint.WRITE, inputs("path", "out/new.txt", "content", "x")).code())
                .isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(refused(FilesEndpoint.WRITE, inputs("path", "out/sub/new.txt", "content", "x", "create_dirs", true))
                .code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(refused(FilesEndpoint.LIST, inputs("path", "out")).code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(refused(FilesEndpoint.DELETE, inputs("path", "out/secret.txt")).code()).isEqualTo("PATH_OUTSIDE_SANDBOX");

        Struct listing = run(FilesEndpoint.LIST, inputs("recursive", true));
        assertThat(entries(listing)).isEmpty();
        assertThat(listing.toString()).doesNotContain("secret");
        assertThat(namesIn(outside)).containsExactly("secret.txt");
        assertThat(outside.resolve("secret.txt")).hasContent(SECRET);
    }

    @Test
    void aDanglingLinkPointingOutsideIsNotWrittenThrough() throws Exception {
        link(root.resolve("dangling.txt"), outside.resolve("created-by-endpoint.txt"));

        EndpointException write = refused(FilesEndpoint.WRITE,
                inputs("path", "dangling.txt", "content", "x", "overwrite", true));
        EndpointException read = refused(FilesEndpoint.READ, inputs("path", "dangling.txt"));

        assertThat(write.code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(read.code()).isEqualTo("PATH_OUTSIDE_SANDBOX");
        assertThat(outside.resolve("created-by-endpoint.txt")).doesNotExist();
    }

    @Test
    void deletingALinkRemovesTheLinkNotItsTarget() throws Exception {
        link(root.resolve("leak.txt"), outside.resolve("secret.txt"));

        assertThat(run(FilesEndpoint.DELETE, inputs("path", "leak.txt")).getFieldsOrThrow("deleted").getBoolValue()).isTrue();

        assertThat(root.resolve("leak.txt")).doesNotExist();
        assertThat(outside.resolve("secret.txt")).hasContent(SECRET);
    }

    @Test
    void linksInsideTheRootWorkAndAreListedWithoutBeingFollowed() throws Exception {
        Files.createDirectories(root.resolve("real"));
        Files.writeString(root.resolve("real/data.txt"), "inside");
        link(root.resolve("alias.txt"), root.resolve("real/data.txt"));
        link(root.resolve("loop"), root);

        assertThat(text(run(FilesEndpoint.READ, inputs("path", "alias.txt")), "content")).isEqualTo("inside");
        run(FilesEndpoint.WRITE, inputs("path", "alias.txt", "content", "through the link", "overwrite", true));
        assertThat(root.resolve("real/data.txt")).hasContent("through the link");
        assertThat(Files.isSymbolicLink(root.resolve("alias.txt"))).isTrue();
        assertThat(entries(run(FilesEndpoint.LIST, inputs("recursive", true)))).containsExactly(
                "alias.txt symlink 0", "loop symlink 0", "real directory 0", "real/data.txt file 16");
    }

    @Test
    void aRootReachedThroughALinkIsUsedByItsRealPath() throws Exception {
        Path realRoot = Files.createDirectory(temp.resolve("real-root"));
        Path linkedRoot = temp.resolve("linked-root");
        link(linkedRoot, realRoot);

        FilesEndpoint linked = endpoint(Map.of("root", linkedRoot.toString()));
        run(linked, FilesEndpoint.WRITE, inputs("path", "x.txt", "content", "ok"));

        assertThat(linked.settings().root()).isEqualTo(realRoot.toRealPath());
        assertThat(realRoot.resolve("x.txt")).hasContent("ok");
    }

    // --- settings and limits

    @Test
    void aReadOnlyEndpointReadsAndListsButNeitherWritesNorDeletesNorOffersTo() throws Exception {
        Files.createDirectories(root);
        Files.writeString(root.resolve("keep.txt"), "kept");
        FilesEndpoint readOnly = endpoint(Map.of("read_only", "true"));

        EndpointException write = refused(readOnly, FilesEndpoint.WRITE, inputs("path", "new.txt", "content", "x"));
        EndpointException delete = refused(readOnly, FilesEndpoint.DELETE, inputs("path", "keep.txt"));

        assertThat(write.code()).isEqualTo("READ_ONLY");
        assertThat(write.retryable()).isFalse();
        assertThat(delete.code()).isEqualTo("READ_ONLY");
        assertThat(root.resolve("new.txt")).doesNotExist();
        assertThat(root.resolve("keep.txt")).hasContent("kept");
        assertThat(text(run(readOnly, FilesEndpoint.READ, inputs("path", "keep.txt")), "content")).isEqualTo("kept");
        assertThat(entries(run(readOnly, FilesEndpoint.LIST, inputs()))).containsExactly("keep.txt file 4");
        assertThat(readOnly.describe().getCapabilitiesList()).extracting(Capability::getTaskType)
                .containsExactly("files.read", "files.list");
        assertThat(files.describe().getCapabilitiesList()).extracting(Capability::getTaskType)
                .containsExactly("files.read", "files.write", "files.list", "files.delete");
    }

    @Test
    void filesOverTheSizeLimitAreNeitherReadNorWritten() throws Exception {
        FilesEndpoint small = endpoint(Map.of("max_file_bytes", "10"));
        Files.writeString(root.resolve("big.txt"), "12345678901");

        EndpointException read = refused(small, FilesEndpoint.READ, inputs("path", "big.txt"));
        EndpointException write = refused(small, FilesEndpoint.WRITE, inputs("path", "new.txt", "content", "12345678901"));

        assertThat(read.code()).isEqualTo("FILE_TOO_LARGE");
        assertThat(read.retryable()).isFalse();
        assertThat(write.code()).isEqualTo("FILE_TOO_LARGE");
        assertThat(root.resolve("new.txt")).doesNotExist();
        run(small, FilesEndpoint.WRITE, inputs("path", "fits.txt", "content", "1234567890"));
        assertThat(text(run(small, FilesEndpoint.READ, inputs("path", "fits.txt")), "content")).isEqualTo("1234567890");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"content\":\"x\"}",
        "{\"path\":7,\"content\":\"x\"}",
        "{\"path\":\"a.txt\"}",
        "{\"path\":\"a.txt\",\"content\":\"x\",\"encoding\":\"latin1\"}",
        "{\"path\":\"a.txt\",\"content\":\"x\",\"create_dirs\":\"maybe\"}",
        "{\"path\":\"a.txt\",\"content\":\"x\",\"overwrite\":1}",
    })
    void badWriteInputsAreInvalidInput(String json) {
        EndpointException refused = catchThrowableOfType(EndpointException.class,
                () -> files.invoke(request(FilesEndpoint.WRITE, procos.pde.endpoint.Invocations.struct(json)), relaxed()));

        assertThat(refused.code()).isEqualTo("INVALID_INPUT");
        assertThat(refused.retryable()).isFalse();
    }

    @Test
    void listLimitsAreChecked() {
        assertThat(refused(FilesEndpoint.LIST, inputs("max_entries", 0)).code()).isEqualTo("INVALID_INPUT");
        assertThat(refused(FilesEndpoint.LIST, inputs("max_entries", 100_001)).code()).isEqualTo("INVALID_INPUT");
        assertThat(refused(FilesEndpoint.LIST, inputs("max_entries", 1.5)).code()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void otherTaskTypesAndExpiredDeadlinesAreRefused() {
        EndpointException unsupported = refused("files.move", inputs("path", "a"));
        EndpointException late = catchThrowableOfType(EndpointException.class, () -> files.invoke(
                request(FilesEndpoint.READ, inputs("path", "a")), Deadline.after(-1, TimeUnit.SECONDS)));

        assertThat(unsupported.code()).isEqualTo("UNSUPPORTED_TASK_TYPE");
        assertThat(late.code()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(late.retryable()).isTrue();
    }

    @Test
    void eachCallLogsOneEventWithThePathButNeverTheContent() throws Exception {
        run(FilesEndpoint.WRITE, inputs("path", "diary.txt", "content", "CONTENT-SECRET"));
        run(FilesEndpoint.READ, inputs("path", "diary.txt"));
        refused(FilesEndpoint.READ, inputs("path", "../outside/secret.txt"));

        List<JsonNode> events = log.events("file_operation");
        assertThat(events).extracting(event -> event.path("operation").asText() + " " + event.path("outcome").asText())
                .containsExactly("files.write ok", "files.read ok", "files.read PATH_OUTSIDE_SANDBOX");
        assertThat(events.get(0).path("path").asText()).isEqualTo("'diary.txt'");
        assertThat(events.get(0).path("endpoint").asText()).isEqualTo("work");
        assertThat(events.get(0).path("correlation_id").asText()).isEqualTo("corr-1");
        assertThat(events.get(0).has("duration_ms")).isTrue();
        assertThat(events.get(2).path("level").asText()).isEqualTo("WARN");
        assertThat(String.join("\n", log.lines())).doesNotContain("CONTENT-SECRET").doesNotContain(SECRET)
                .doesNotContain(temp.toString());
    }

    @Test
    void itIsHealthyWhileItsRootIsADirectory() throws IOException {
        assertThat(files.health().getState()).isEqualTo(HealthState.HEALTHY);

        Files.delete(root);

        assertThat(files.health().getState()).isEqualTo(HealthState.UNHEALTHY);
    }

    // --- helpers

    private FilesEndpoint endpoint(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>();
        settings.put("root", root.toString());
        settings.putAll(more);
        return FilesEndpoint.fromConfig(new EndpointConfig("work", EndpointKind.FILES, Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofSeconds(5)), settings));
    }

    private Struct run(String taskType, Struct inputs) throws EndpointException {
        return run(files, taskType, inputs);
    }

    private static Struct run(FilesEndpoint endpoint, String taskType, Struct inputs) throws EndpointException {
        return endpoint.invoke(request(taskType, inputs), relaxed()).getOutputs();
    }

    private EndpointException refused(String taskType, Struct inputs) {
        return refused(files, taskType, inputs);
    }

    private static EndpointException refused(FilesEndpoint endpoint, String taskType, Struct inputs) {
        EndpointException refused = catchThrowableOfType(EndpointException.class,
                () -> endpoint.invoke(request(taskType, inputs), relaxed()));
        assertThat(refused).as("%s %s should fail", taskType, inputs).isNotNull();
        return refused;
    }

    private static InvokeRequest request(String taskType, Struct inputs) {
        return procos.pde.endpoint.Invocations.request(taskType, "{}").toBuilder().setInputs(inputs).build();
    }

    /** Inputs from name/value pairs; values are strings, booleans or numbers. */
    private static Struct inputs(Object... pairs) {
        Struct.Builder struct = Struct.newBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            Value.Builder field = Value.newBuilder();
            if (value instanceof Boolean bool) {
                field.setBoolValue(bool);
            } else if (value instanceof Number number) {
                field.setNumberValue(number.doubleValue());
            } else {
                field.setStringValue((String) value);
            }
            struct.putFields((String) pairs[i], field.build());
        }
        return struct.build();
    }

    /** Entries as {@code "path type size"} lines. */
    private static List<String> entries(Struct listing) {
        return listing.getFieldsOrThrow("entries").getListValue().getValuesList().stream()
                .map(Value::getStructValue)
                .map(entry -> entry.getFieldsOrThrow("path").getStringValue() + " "
                        + entry.getFieldsOrThrow("type").getStringValue() + " "
                        + (long) entry.getFieldsOrThrow("size").getNumberValue())
                .toList();
    }

    private static String text(Struct struct, String field) {
        return struct.getFieldsOrThrow(field).getStringValue();
    }

    private static double number(Struct struct, String field) {
        return struct.getFieldsOrThrow(field).getNumberValue();
    }

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** Creates a symbolic link, or skips the test where the file system or platform does not allow one. */
    private static void link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }
    }
}
