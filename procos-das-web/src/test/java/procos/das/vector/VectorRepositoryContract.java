package procos.das.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static procos.das.vector.TestChunks.DIMENSION;
import static procos.das.vector.TestChunks.axis;
import static procos.das.vector.TestChunks.chunk;
import static procos.das.vector.TestChunks.random;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.das.vector.archive.ChunkArchiveReader;
import procos.das.vector.archive.ChunkArchiveWriter;
import procos.das.vector.archive.InvalidArchiveException;

/**
 * What every {@link VectorRepository} must do, run against each implementation by a subclass. A
 * subclass opens one store per test (same store on every {@link #open()} call within a test, a
 * fresh one per test) of dimension {@link TestChunks#DIMENSION}.
 */
public abstract class VectorRepositoryContract {

    @TempDir
    protected Path temp;

    protected VectorRepository repository;

    /** Opens this test's store: empty the first time, with what was written before on later calls. */
    protected abstract VectorRepository open();

    @BeforeEach
    void openRepository() {
        repository = open();
    }

    @AfterEach
    void closeRepository() {
        if (repository != null) {
            repository.close();
        }
    }

    @Test
    void returnsTheNearestChunksBestFirstWithCosineScores() {
        repository.upsert(List.of(
                chunk("far", "s", axis(1)),
                chunk("exact", "s", axis(0)),
                chunk("near", "s", axis(0, 1, 0.5f)),
                chunk("opposite", "s", axis(0, 0, -2f))));

        List<ScoredChunk> found = repository.query(VectorQuery.dense(axis(0), 3));

        assertThat(found).extracting(hit -> hit.chunk().id()).containsExactly("exact", "near", "far");
        assertThat(found.get(0).score()).isCloseTo(1.0, offset(1e-4));
        assertThat(found.get(1).score()).isCloseTo(1 / Math.sqrt(1.25), offset(1e-4));
        assertThat(found.get(2).score()).isCloseTo(0.0, offset(1e-4));
    }

    @Test
    void returnsEveryFieldOfAStoredChunk() {
        Chunk stored = chunk("doc#0", "doc", 7, "Invoices are paid within 30 days.", random(1),
                Map.of("content_type", "text/markdown", "heading", "Payment terms"));
        repository.upsert(List.of(stored));

        Chunk found = repository.query(VectorQuery.dense(random(1), 1)).get(0).chunk();

        assertThat(found).isEqualTo(stored);
    }

    @Test
    void compactKeepsEveryChunkAndEveryAnswer() {
        for (int batch = 0; batch < 4; batch++) {
            int first = batch * 5;
            repository.upsert(IntStream.range(first, first + 5)
                    .mapToObj(i -> chunk("c" + i, "s" + (i % 3), random(i))).toList());
        }
        repository.delete(List.of("c3"));
        List<ScoredChunk> before = repository.query(VectorQuery.dense(random(7), 5));

        repository.compact();

        assertThat(repository.count()).isEqualTo(19);
        assertThat(repository.query(VectorQuery.dense(random(7), 5))).extracting(hit -> hit.chunk().id())
                .containsExactlyElementsOf(before.stream().map(hit -> hit.chunk().id()).toList());
        repository.upsert(List.of(chunk("after", "s", random(99))));
        assertThat(repository.count()).isEqualTo(20);
    }

    @Test
    void upsertReplacesTheChunkWithTheSameId() {
        repository.upsert(List.of(chunk("a", "s", axis(0)), chunk("b", "s", axis(1))));
        repository.upsert(List.of(chunk("a", "s", 0, "rewritten", axis(2), Map.of())));

        List<ScoredChunk> found = repository.query(VectorQuery.dense(axis(2), 1));

        assertThat(repository.count()).isEqualTo(2);
        assertThat(found.get(0).chunk().id()).isEqualTo("a");
        assertThat(found.get(0).chunk().text()).isEqualTo("rewritten");
    }

    @Test
    void filtersKeepOnlyChunksWithEveryGivenValue() {
        repository.upsert(List.of(
                chunk("en-guide", "guide", 0, "x", axis(0), Map.of("lang", "en", "kind", "guide")),
                chunk("de-guide", "guide", 1, "x", axis(0), Map.of("lang", "de", "kind", "guide")),
                chunk("en-faq", "faq", 0, "x", axis(0), Map.of("lang", "en", "kind", "faq")),
                chunk("quoted", "odd \"source\" \\ name", 0, "x", axis(0), Map.of("lang", "it's \"en\"\n"))));

        assertThat(ids(query(Map.of("lang", "en")))).containsExactlyInAnyOrder("en-guide", "en-faq");
        assertThat(ids(query(Map.of("lang", "en", "kind", "guide")))).containsExactly("en-guide");
        assertThat(ids(query(Map.of("source_id", "guide")))).containsExactlyInAnyOrder("en-guide", "de-guide");
        assertThat(ids(query(Map.of("source_id", "odd \"source\" \\ name")))).containsExactly("quoted");
        assertThat(ids(query(Map.of("lang", "it's \"en\"\n")))).containsExactly("quoted");
        assertThat(query(Map.of("lang", "fr"))).isEmpty();
        assertThat(query(Map.of("no_such_key", "en"))).isEmpty();
    }

    @Test
    void hybridSearchLiftsAChunkThatMatchesTheQueryWords() {
        repository.upsert(List.of(
                chunk("closest", "s", 0, "general notes about billing", axis(0), Map.of()),
                chunk("keyword", "s", 1, "the zephyr protocol handshake", axis(0, 1, 0.3f), Map.of()),
                chunk("other", "s", 2, "general notes about shipping", axis(0, 1, 0.6f), Map.of())));

        List<ScoredChunk> dense = repository.query(new VectorQuery(axis(0), "zephyr handshake", 3, Map.of(), SearchMode.DENSE));
        List<ScoredChunk> hybrid = repository.query(new VectorQuery(axis(0), "zephyr handshake", 3, Map.of(), SearchMode.HYBRID));

        assertThat(ids(dense)).containsExactly("closest", "keyword", "other");
        assertThat(ids(hybrid)).first().isEqualTo("keyword");
        assertThat(hybrid).extracting(ScoredChunk::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void hybridSearchHonoursFilters() {
        repository.upsert(List.of(
                chunk("match", "a", 0, "zephyr", axis(1), Map.of("lang", "en")),
                chunk("filtered-out", "b", 0, "zephyr zephyr", axis(0), Map.of("lang", "de"))));

        List<ScoredChunk> hybrid = repository.query(new VectorQuery(axis(0), "zephyr", 5, Map.of("lang", "en"), SearchMode.HYBRID));

        assertThat(ids(hybrid)).containsExactly("match");
    }

    @Test
    void deleteRemovesOnlyTheNamedChunksAndIgnoresUnknownIds() {
        repository.upsert(List.of(chunk("a", "s", axis(0)), chunk("b", "s", axis(1)), chunk("c", "t", axis(2))));

        repository.delete(List.of("a", "c", "never-stored"));

        assertThat(repository.count()).isEqualTo(1);
        assertThat(ids(repository.query(VectorQuery.dense(axis(0), 5)))).containsExactly("b");
    }

    @Test
    void deleteBySourceRemovesEveryChunkOfThatSourceAndSaysHowMany() {
        repository.upsert(List.of(chunk("a1", "a", axis(0)), chunk("a2", "a", axis(1)), chunk("b1", "b", axis(2))));

        assertThat(repository.deleteBySource("a")).isEqualTo(2);
        assertThat(repository.deleteBySource("a")).isZero();
        assertThat(ids(repository.query(VectorQuery.dense(axis(0), 5)))).containsExactly("b1");
    }

    @Test
    void replaceSourceSwapsItsChunksAndLeavesOtherSourcesAlone() {
        repository.upsert(List.of(chunk("doc#0", "doc", axis(0)), chunk("doc#1", "doc", axis(1)),
                chunk("doc#2", "doc", axis(2)), chunk("other#0", "other", axis(3))));

        repository.replaceSource("doc", List.of(chunk("doc#0", "doc", 0, "new first", axis(4), Map.of())));

        assertThat(repository.count()).isEqualTo(2);
        assertThat(ids(query(Map.of("source_id", "doc")))).containsExactly("doc#0");
        assertThat(query(Map.of("source_id", "doc")).get(0).chunk().text()).isEqualTo("new first");
        assertThat(ids(query(Map.of("source_id", "other")))).containsExactly("other#0");
    }

    @Test
    void replaceSourceWithNoChunksEmptiesTheSource() {
        repository.upsert(List.of(chunk("doc#0", "doc", axis(0)), chunk("other#0", "other", axis(3))));

        repository.replaceSource("doc", List.of());

        assertThat(ids(query(Map.of()))).containsExactly("other#0");
    }

    @Test
    void aChunkOfAnotherDimensionIsRefusedNamingItAndNothingOfTheBatchIsWritten() {
        repository.upsert(List.of(chunk("kept", "s", axis(0))));
        List<Chunk> batch = List.of(chunk("fine", "s", axis(1)), chunk("too-short", "s", new float[DIMENSION - 3]));

        assertThatThrownBy(() -> repository.upsert(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too-short")
                .hasMessageContaining(String.valueOf(DIMENSION - 3))
                .hasMessageContaining(String.valueOf(DIMENSION));
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void aReplacementThatFailsLeavesTheOldChunksOfTheSource() {
        repository.upsert(List.of(chunk("doc#0", "doc", axis(0)), chunk("doc#1", "doc", axis(1))));
        List<Chunk> broken = List.of(chunk("doc#0", "doc", axis(5)), chunk("doc#1", "doc", new float[DIMENSION + 1]));

        assertThatThrownBy(() -> repository.replaceSource("doc", broken)).hasMessageContaining("doc#1");
        List<Chunk> wrongSource = List.of(chunk("doc#0", "elsewhere", axis(5)));
        assertThatThrownBy(() -> repository.replaceSource("doc", wrongSource))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elsewhere");

        List<ScoredChunk> left = query(Map.of("source_id", "doc"));
        assertThat(ids(left)).containsExactlyInAnyOrder("doc#0", "doc#1");
        assertThat(left).allSatisfy(hit -> assertThat(hit.chunk().vector()).isIn(axis(0), axis(1)));
    }

    @Test
    void aQueryVectorOfAnotherDimensionIsRefused() {
        assertThatThrownBy(() -> repository.query(VectorQuery.dense(new float[3], 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query vector").hasMessageContaining("3");
    }

    @Test
    void exportThenImportRestoresExactlyTheExportedChunks() throws IOException {
        List<Chunk> original = IntStream.range(0, 40)
                .mapToObj(i -> chunk("c" + i, "src" + (i % 4), i, "text " + i, random(i), Map.of("n", Integer.toString(i))))
                .toList();
        repository.upsert(original);
        Path archive = temp.resolve("knowledge.vectors.gz");
        repository.exportTo(archive);

        repository.delete(List.of("c1", "c2"));
        repository.upsert(List.of(chunk("added-later", "new", axis(0))));
        repository.importFrom(archive);

        assertThat(repository.count()).isEqualTo(40);
        assertThat(exported()).containsExactlyInAnyOrderElementsOf(original);
        assertThat(readArchive(archive)).containsExactlyInAnyOrderElementsOf(original);
    }

    @Test
    void aDamagedTruncatedOrForeignArchiveIsRefusedAndTheContentStays() throws IOException {
        repository.upsert(IntStream.range(0, 30).mapToObj(i -> chunk("c" + i, "s", random(i))).toList());
        Path good = temp.resolve("good.gz");
        repository.exportTo(good);
        byte[] bytes = Files.readAllBytes(good);
        repository.delete(List.of("c0"));

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x5a;
        assertRefused(Files.write(temp.resolve("flipped.gz"), flipped), "refused");
        assertRefused(Files.write(temp.resolve("truncated.gz"), Arrays.copyOf(bytes, bytes.length * 2 / 3)), "truncated");
        assertRefused(Files.writeString(temp.resolve("notes.txt"), "just some text"), "not a ProcOS vector archive");
        assertRefused(gzip("{\"format\":\"something-else\"}\n"), "not a ProcOS vector archive");
        assertRefused(gzip("{\"format\":\"procos-vector-archive\",\"version\":99,\"dimension\":8,\"count\":0}\n"), "version 99");
        assertRefused(archiveOfDimension(3), "dimension 3");

        assertThat(repository.count()).isEqualTo(29);
        assertThat(exported()).extracting(Chunk::id).doesNotContain("c0").hasSize(29);
    }

    @Test
    void readersKeepWorkingWhileSourcesAreReplaced() throws Exception {
        repository.upsert(versionOf("doc", "a", 4));
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                started.countDown();
                while (writing.get()) {
                    try {
                        seen.add(query(Map.of("source_id", "doc")).size());
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        started.await();
        for (int round = 0; round < 8; round++) {
            repository.replaceSource("doc", versionOf("doc", round % 2 == 0 ? "b" : "a", round % 2 == 0 ? 2 : 4));
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(failures).isEmpty();
        assertThat(seen).isNotEmpty().doesNotContain(0);
        assertThat(ids(query(Map.of("source_id", "doc")))).containsExactlyInAnyOrder("doc#a0", "doc#a1", "doc#a2", "doc#a3");
    }

    @Test
    void contentSurvivesCloseAndReopen() {
        repository.upsert(List.of(chunk("a", "s", axis(0)), chunk("b", "s", axis(1))));
        repository.delete(List.of("b"));
        repository.close();
        repository = null;

        repository = open();

        assertThat(repository.count()).isEqualTo(1);
        assertThat(ids(repository.query(VectorQuery.dense(axis(0), 5)))).containsExactly("a");
    }

    /** Chunks {@code <source>#<version><i>}, all near one another so that a source query returns them all. */
    protected static List<Chunk> versionOf(String source, String version, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> chunk(source + "#" + version + i, source, i, version, axis(0, 1, 0.1f * i), Map.of()))
                .toList();
    }

    /** Every chunk matching {@code filters}, through a dense query wide enough to return them all. */
    protected List<ScoredChunk> query(Map<String, String> filters) {
        return repository.query(new VectorQuery(axis(0), "", 100, filters, SearchMode.DENSE));
    }

    protected static List<String> ids(List<ScoredChunk> hits) {
        return hits.stream().map(hit -> hit.chunk().id()).toList();
    }

    private Set<Chunk> exported() throws IOException {
        Path file = Files.createTempFile(temp, "export", ".gz");
        repository.exportTo(file);
        return new HashSet<>(readArchive(file));
    }

    private static List<Chunk> readArchive(Path file) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        ChunkArchiveReader.read(file, 7, chunks::addAll);
        return chunks;
    }

    private void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> repository.importFrom(file))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(reason);
    }

    private Path archiveOfDimension(int dimension) throws IOException {
        Path file = temp.resolve("dimension-" + dimension + ".gz");
        try (ChunkArchiveWriter writer = ChunkArchiveWriter.create(file, new VectorDimension(dimension), 1)) {
            writer.write(chunk("small", "s", new float[] {1, 0, 0}));
            writer.finish();
        }
        return file;
    }

    private Path gzip(String content) throws IOException {
        Path file = Files.createTempFile(temp, "crafted", ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
