package procos.das.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static procos.das.vector.TestChunks.axis;
import static procos.das.vector.TestChunks.chunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.junit.jupiter.api.Test;
import procos.das.vector.TestChunks;
import procos.das.vector.VectorDimension;
import procos.das.vector.VectorRepository;
import procos.das.vector.VectorRepositoryContract;

/** The embedded index against the contract, on a real directory, and what only it promises. */
class LuceneVectorRepositoryTest extends VectorRepositoryContract {

    @Override
    protected VectorRepository open() {
        return LuceneVectorRepository.open(settings(TestChunks.DIMENSION));
    }

    @Test
    void aWriteThatFailsOnDiskLeavesThePreviousContentAndTheNextWriteWorks() throws IOException {
        repository.close();
        FailingSync directory = new FailingSync(FSDirectory.open(temp.resolve("index")));
        repository = new LuceneVectorRepository(directory, "faulty", new VectorDimension(TestChunks.DIMENSION), 5);
        repository.upsert(versionOf("doc", "a", 3));

        directory.failing = true;
        assertThatThrownBy(() -> repository.replaceSource("doc", versionOf("doc", "b", 5)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("replace_source failed, nothing was changed")
                .hasMessageContaining("disk refused to sync");
        assertThatThrownBy(() -> repository.upsert(List.of(chunk("extra", "x", axis(3)))))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(ids(query(Map.of()))).containsExactlyInAnyOrder("doc#a0", "doc#a1", "doc#a2");

        directory.failing = false;
        repository.replaceSource("doc", versionOf("doc", "b", 2));
        assertThat(ids(query(Map.of()))).containsExactlyInAnyOrder("doc#b0", "doc#b1");
        repository.close();
        repository = open();
        assertThat(ids(query(Map.of()))).containsExactlyInAnyOrder("doc#b0", "doc#b1");
    }

    @Test
    void readersSeeEitherTheWholeOldSourceOrTheWholeNewOne() throws Exception {
        repository.upsert(versionOf("doc", "a", 4));
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<List<String>> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            started.countDown();
            while (writing.get()) {
                seen.add(ids(query(Map.of("source_id", "doc"))));
            }
        });
        reader.start();
        started.await();
        for (int round = 0; round < 8; round++) {
            repository.replaceSource("doc", versionOf("doc", round % 2 == 0 ? "b" : "a", round % 2 == 0 ? 2 : 4));
        }
        writing.set(false);
        reader.join();

        List<String> wholeA = List.of("doc#a0", "doc#a1", "doc#a2", "doc#a3");
        List<String> wholeB = List.of("doc#b0", "doc#b1");
        assertThat(seen).isNotEmpty().allSatisfy(result ->
                assertThat(result.stream().sorted().toList()).isIn(wholeA, wholeB));
    }

    @Test
    void compactMergesAnIndexWrittenInManyBatchesIntoOneSegment() throws IOException {
        for (int batch = 0; batch < 6; batch++) {
            repository.upsert(versionOf("doc" + batch, "v", 3));
        }
        assertThat(committedSegments()).isGreaterThan(1);

        repository.compact();

        assertThat(committedSegments()).isEqualTo(1);
        assertThat(repository.count()).isEqualTo(18);
    }

    @Test
    void anImportedIndexIsCompacted() throws IOException {
        for (int batch = 0; batch < 3; batch++) {
            repository.upsert(versionOf("doc" + batch, "v", 2));
        }
        Path archive = temp.resolve("knowledge.archive");
        repository.exportTo(archive);

        repository.importFrom(archive);

        assertThat(committedSegments()).isEqualTo(1);
        assertThat(repository.count()).isEqualTo(6);
    }

    @Test
    void anIndexBuiltForAnotherDimensionIsRefusedOnOpen() {
        repository.upsert(List.of(chunk("a", "s", axis(0))));
        repository.close();
        repository = null;

        assertThatThrownBy(() -> LuceneVectorRepository.open(settings(384)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension " + TestChunks.DIMENSION)
                .hasMessageContaining("dimension 384");
    }

    @Test
    void aSecondRepositoryOnTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> LuceneVectorRepository.open(settings(TestChunks.DIMENSION)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("already open");
        assertThat(repository.count()).isZero();
    }

    /** Segments in the last commit, read from the directory as another process would. */
    private int committedSegments() throws IOException {
        try (Directory directory = FSDirectory.open(temp.resolve("index"))) {
            return SegmentInfos.readLatestCommit(directory).size();
        }
    }

    private LuceneSettings settings(int dimension) {
        return new LuceneSettings(temp.resolve("index"), new VectorDimension(dimension), LuceneSettings.DEFAULT_OVERSAMPLING);
    }

    /** A real on-disk directory whose fsync can be made to fail, as a full or failing disk would. */
    private static final class FailingSync extends FilterDirectory {

        volatile boolean failing;

        FailingSync(FSDirectory directory) {
            super(directory);
        }

        @Override
        public void sync(Collection<String> names) throws IOException {
            if (failing) {
                throw new IOException("disk refused to sync " + names);
            }
            super.sync(names);
        }
    }
}
