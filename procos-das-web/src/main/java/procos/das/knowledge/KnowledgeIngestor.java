package procos.das.knowledge;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import procos.das.knowledge.chunk.Chunker;
import procos.das.knowledge.embed.Embedder;
import procos.das.knowledge.manifest.Manifest;
import procos.das.knowledge.manifest.ManifestEntry;
import procos.das.knowledge.manifest.RemovedSources;
import procos.das.knowledge.manifest.SourceStatus;
import procos.das.knowledge.progress.ProgressListener;
import procos.das.knowledge.progress.ProgressSnapshot;
import procos.das.knowledge.progress.ProgressTracker;
import procos.das.knowledge.source.DocumentFetcher;
import procos.das.knowledge.source.FetchedSource;
import procos.das.knowledge.source.FileSource;
import procos.das.knowledge.source.Source;
import procos.das.knowledge.source.ContentType;
import procos.das.knowledge.source.SourceErrors;
import procos.das.knowledge.source.SourceException;
import procos.das.knowledge.source.SourceFingerprint;
import procos.das.knowledge.source.SourceReader;
import procos.das.knowledge.source.SourceText;
import procos.das.vector.Chunk;
import procos.das.vector.VectorRepository;
import procos.logging.StructuredLogger;

/**
 * Brings a folder, a file or a list of URLs into the vector store, doing only what changed since
 * the {@link Manifest} was written: an unchanged source (same SHA-256, same embedding model) is
 * skipped, a changed one is re-chunked, re-embedded and swapped in with
 * {@link VectorRepository#replaceSource} (atomic per source), a file gone from the folder has its
 * chunks deleted.
 *
 * <p>Embedding, which bounds the speed of a run, goes on in the background while the next sources
 * are read and chunked ({@link EmbeddingPipeline}); stores and manifest changes happen on the
 * calling thread, source by source, in order.
 *
 * <p>A source that cannot be read fails alone and the run goes on. A vector store or embedder
 * failure stops the run: the manifest is then saved with exactly the changes the store accepted,
 * so store and manifest stay consistent and the next run picks up where this one stopped. One run
 * at a time.
 */
public final class KnowledgeIngestor {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.knowledge");
    /** Changed sources between manifest saves: bounds the work a crash makes the next run redo. */
    private static final int SAVE_EVERY = 50;
    private static final String UNCHANGED = "unchanged since the last ingestion";

    private final Embedder embedder;
    private final VectorRepository repository;
    private final Manifest manifest;
    private final ProgressListener progress;
    private final IngestionSettings settings;
    private final SourceReader reader = new SourceReader();
    private final Chunker chunker;
    private final RemovedSources removed;

    public KnowledgeIngestor(Embedder embedder, VectorRepository repository, Manifest manifest,
                             ProgressListener progress, Chunker chunker, IngestionSettings settings) {
        this(embedder, repository, manifest, progress, chunker, settings, RemovedSources.none());
    }

    /** An ingestor whose runs leave out the sources users removed. */
    public KnowledgeIngestor(Embedder embedder, VectorRepository repository, Manifest manifest,
                             ProgressListener progress, Chunker chunker, IngestionSettings settings, RemovedSources removed) {
        this.removed = Objects.requireNonNull(removed, "removed");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.chunker = Objects.requireNonNull(chunker, "chunker");
    }

    /**
     * Ingests every file under {@code folderOrFile} (or that one file) and removes the chunks of
     * files that were under it at the last run and are gone now.
     *
     * @throws IllegalArgumentException if the path does not exist
     * @throws IOException              if the folder cannot be listed or the manifest cannot be saved
     */
    public synchronized IngestionReport ingest(Path folderOrFile) throws IOException {
        Path root = existing(folderOrFile);
        List<Source> sources = new ArrayList<>();
        Set<String> present = new HashSet<>();
        long bytes = 0;
        for (FileSource source : SourceScanner.scan(root)) {
            if (!source.path().equals(manifest.file()) && !removed.contains(source.id())) {
                sources.add(source);
                present.add(source.id());
                bytes += Files.size(source.path());
            }
        }
        List<String> gone = manifest.entries().stream().map(ManifestEntry::source)
                .filter(source -> isUnder(root, source) && !present.contains(source)).toList();
        return compacted(run(gone, sources.size(), bytes, sources.stream().map(source -> (Supplier<Attempt>) () -> read(source)).toList()));
    }

    /**
     * Works out what {@link #ingest(Path)} would do for {@code folder} without doing it: which sources
     * are new or changed (their content hash, or the embedding model, differs from the manifest's),
     * which are unchanged, which are gone. A source that cannot even be hashed is planned for
     * indexing, where it fails alone with its reason.
     *
     * @throws IllegalArgumentException if the folder does not exist
     */
    public synchronized IngestionPlan plan(Path folder) throws IOException {
        Path root = existing(folder);
        List<String> toIndex = new ArrayList<>();
        Set<String> present = new HashSet<>();
        int unchanged = 0;
        for (FileSource source : SourceScanner.scan(root)) {
            if (source.path().equals(manifest.file()) || removed.contains(source.id())) {
                continue;
            }
            present.add(source.id());
            if (isCurrent(source)) {
                unchanged++;
            } else {
                toIndex.add(source.id());
            }
        }
        List<String> gone = manifest.entries().stream().map(ManifestEntry::source)
                .filter(source -> isUnder(root, source) && !present.contains(source)).sorted().toList();
        return new IngestionPlan(root.toString(), toIndex, gone, unchanged);
    }

    /**
     * Indexes the source at {@code position} of {@code plan.toIndex()}, as {@link #ingest(Path)}
     * would: a source that changed again since the plan is indexed as it is now, one that is gone
     * or unreadable fails alone.
     *
     * @throws IndexOutOfBoundsException if the plan has no such position
     */
    public synchronized IngestionReport ingestPlanned(IngestionPlan plan, int position, ProgressTracker runProgress) throws IOException {
        String id = plan.toIndex().get(position);
        Path file = Path.of(id);
        if (!isUnder(Path.of(plan.folder()), id)) {
            throw new IllegalArgumentException("source '" + id + "' is not under the planned folder " + plan.folder());
        }
        long bytes = sizeOf(file);
        IngestionReport report = run(List.of(), 1, bytes, List.of(() -> read(new FileSource(file))), ProgressListener.NONE);
        runProgress.chunksEmbedded((int) report.chunksEmbedded());
        runProgress.sourceDone(bytes);
        return report;
    }

    /**
     * Removes the chunks and manifest entries of the plan's gone sources: the last step of a planned
     * run, so it also compacts the store when the plan changed anything, and finishes
     * {@code runProgress}.
     */
    public synchronized IngestionReport removeGone(IngestionPlan plan, ProgressTracker runProgress) throws IOException {
        IngestionReport report = run(plan.gone().stream().filter(source -> manifest.entry(source).isPresent()).toList(), 0, 0,
                List.of(), ProgressListener.NONE);
        for (int i = 0; i < plan.gone().size(); i++) {
            runProgress.sourceDone(0);
        }
        if (!plan.toIndex().isEmpty() || report.count(Outcome.REMOVED) > 0) {
            compact();
        }
        runProgress.finish();
        return report;
    }

    /**
     * Counts a planned run as a whole, across its per-source tasks: every source of the plan, and
     * the bytes of those to index as they are now. Reports to this ingestor's listener, as a whole
     * run by {@link #ingest(Path)} does.
     */
    public ProgressTracker trackPlannedRun(IngestionPlan plan) {
        return trackPlannedRun(plan, progress);
    }

    /** The same, reporting to {@code listener} instead (a run that has an audience of its own, such as an API job). */
    public ProgressTracker trackPlannedRun(IngestionPlan plan, ProgressListener listener) {
        long bytes = plan.toIndex().stream().mapToLong(source -> sizeOf(Path.of(source))).sum();
        return new ProgressTracker(listener, plan.toIndex().size() + plan.gone().size(), bytes);
    }

    /** What the manifest records, source by source, sorted by source. */
    public List<ManifestEntry> entries() {
        return manifest.entries();
    }

    /**
     * Takes one source out of the knowledge base: its chunks leave the vector store, then its
     * manifest entry goes, and later runs over its folder leave it out until {@link #restore} brings
     * it back. Nothing else changes — its file, if any, stays where it is.
     *
     * @return whether the manifest knew the source
     * @throws IOException if the manifest or the removed list cannot be saved
     */
    public synchronized boolean remove(String source) throws IOException {
        boolean known = manifest.entry(source).isPresent();
        if (known) {
            store(source, () -> repository.deleteBySource(source));
            manifest.remove(source);
            manifest.save();
        }
        removed.add(source);
        LOG.info("knowledge_source_removed").with("source", source).with("was_indexed", known).log();
        return known;
    }

    /** Lets runs index {@code source} again (a user added it back). */
    public synchronized void restore(String source) throws IOException {
        removed.forget(source);
    }

    /** The sources users removed, and when. */
    public Map<String, Instant> removedSources() {
        return removed.all();
    }

    /** The size of a file, 0 when it is gone or unreadable: such a source fails alone, later. */
    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private boolean isCurrent(FileSource source) {
        Optional<ManifestEntry> previous = manifest.entry(source.id());
        if (previous.isEmpty()) {
            return false;
        }
        try {
            SourceFingerprint fingerprint = SourceFingerprint.of(source, settings.maxSourceBytes());
            return previous.get().covers(fingerprint.sha256(), embedder.modelId())
                    || (fingerprint.bytes() == 0 && previous.get().status() == SourceStatus.EMPTY);
        } catch (SourceException e) {
            return false;
        }
    }

    private static Path existing(Path folderOrFile) {
        Path root = folderOrFile.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new IllegalArgumentException("path '" + folderOrFile + "' does not exist");
        }
        return root;
    }

    /**
     * Ingests documents fetched by {@code fetcher}; a URL it refuses or cannot fetch fails alone.
     * Nothing is removed: URLs are not listed the way a folder is.
     */
    public synchronized IngestionReport ingest(List<URI> urls, DocumentFetcher fetcher) throws IOException {
        Objects.requireNonNull(fetcher, "fetcher");
        List<URI> distinct = urls.stream().distinct().toList();
        if (distinct.size() < urls.size()) {
            // A URL listed twice is one source: fetched, indexed and reported once.
            LOG.info("knowledge_duplicate_sources_ignored").with("listed", urls.size()).with("distinct", distinct.size()).log();
        }
        return compacted(run(List.of(), distinct.size(), 0, distinct.stream().map(url -> (Supplier<Attempt>) () -> fetch(url, fetcher)).toList()));
    }

    /** A source ready to ingest, or the reason it could not even be obtained. */
    private record Attempt(String id, Source source, SourceException failure) {
    }

    private static Attempt read(Source source) {
        return new Attempt(source.id(), source, null);
    }

    private static Attempt fetch(URI url, DocumentFetcher fetcher) {
        try {
            return new Attempt(url.toString(), new FetchedSource(url, fetcher.fetch(url)), null);
        } catch (SourceException e) {
            return new Attempt(url.toString(), null, e);
        }
    }

    private IngestionReport run(List<String> gone, int sourceCount, long bytes, List<Supplier<Attempt>> attempts) throws IOException {
        return run(gone, sourceCount, bytes, attempts, progress);
    }

    private IngestionReport run(List<String> gone, int sourceCount, long bytes, List<Supplier<Attempt>> attempts,
                                ProgressListener listener) throws IOException {
        ProgressTracker tracker = new ProgressTracker(listener, gone.size() + sourceCount, bytes);
        List<SourceOutcome> outcomes = new ArrayList<>();
        Optional<String> abort = Optional.empty();
        try (EmbeddingPipeline pipeline = new EmbeddingPipeline(embedder, settings.batchSize(), tracker)) {
            for (String source : gone) {
                store(source, () -> repository.deleteBySource(source));
                manifest.remove(source);
                outcomes.add(new SourceOutcome(source, Outcome.REMOVED, 0, "no longer in the folder", List.of()));
                tracker.sourceDone(0);
            }
            int unsaved = gone.size();
            for (Supplier<Attempt> next : attempts) {
                Attempt attempt = next.get();
                if (attempt.failure() == null) {
                    ingestOne(attempt.source(), tracker, pipeline).ifPresent(outcomes::add);
                } else {
                    outcomes.add(failed(attempt.id(), "", attempt.failure()));
                    tracker.sourceDone(0);
                }
                unsaved += storeEmbedded(pipeline, false, tracker, outcomes);
                if (unsaved >= SAVE_EVERY) {
                    manifest.save();
                    unsaved = 0;
                }
            }
            storeEmbedded(pipeline, true, tracker, outcomes);
        } catch (RunAborted aborted) {
            abort = Optional.of(aborted.getMessage());
            outcomes.add(new SourceOutcome(aborted.source(), Outcome.FAILED, 0, aborted.getMessage(), List.of()));
            LOG.error("knowledge_ingest_aborted").with("source", aborted.source()).error(aborted.getCause()).log();
        } finally {
            manifest.save();
        }
        ProgressSnapshot last = tracker.finish();
        IngestionReport report = new IngestionReport(outcomes, last.elapsed(), last.chunksDone(), last.chunksPerSecond(), abort);
        LOG.info("knowledge_ingested").with("indexed", report.count(Outcome.INDEXED)).with("skipped", report.count(Outcome.SKIPPED))
                .with("removed", report.count(Outcome.REMOVED)).with("failed", report.count(Outcome.FAILED))
                .with("chunks", report.chunksEmbedded()).with("chunks_per_s", Math.round(report.chunksPerSecond() * 10) / 10.0)
                .with("aborted", abort.isPresent()).durationMs(last.elapsed().toMillis()).log();
        return report;
    }

    /** Compacts the store after a whole run that changed it (see {@link VectorRepository#compact}). */
    private IngestionReport compacted(IngestionReport report) {
        if (report.count(Outcome.INDEXED) + report.count(Outcome.REMOVED) > 0) {
            compact();
        }
        return report;
    }

    /** Queries are only slower without compaction, so a failure to compact is logged, not thrown. */
    private void compact() {
        try {
            repository.compact();
        } catch (RuntimeException e) {
            LOG.warn("vector_compact_failed").error(e).log();
        }
    }

    /**
     * Reads and chunks one source into the pipeline. Returns its outcome when it is settled at once
     * (skipped, empty, failed); an indexed source's outcome comes from {@link #storeEmbedded}.
     */
    private Optional<SourceOutcome> ingestOne(Source source, ProgressTracker tracker, EmbeddingPipeline pipeline) {
        String id = source.id();
        SourceFingerprint fingerprint;
        try {
            fingerprint = SourceFingerprint.of(source, settings.maxSourceBytes());
        } catch (SourceException e) {
            tracker.sourceDone(0);
            return Optional.of(failed(id, "", e));
        }
        Optional<ManifestEntry> previous = manifest.entry(id);
        if (fingerprint.bytes() == 0) {
            tracker.sourceDone(0);
            return Optional.of(empty(id, fingerprint.sha256(), "empty (0 bytes)", List.of()));
        }
        if (previous.isPresent() && previous.get().covers(fingerprint.sha256(), embedder.modelId())) {
            tracker.sourceDone(fingerprint.bytes());
            return Optional.of(new SourceOutcome(id, Outcome.SKIPPED, 0, UNCHANGED, List.of()));
        }
        SourceText text;
        try {
            text = reader.read(source);
        } catch (SourceException e) {
            tracker.sourceDone(fingerprint.bytes());
            return Optional.of(failed(id, fingerprint.sha256(), e));
        }
        EmbeddingPipeline.PendingSource pending = pipeline.begin(id, fingerprint.sha256(), text.type(), fingerprint.bytes(), text.notes());
        try (text) {
            chunker.chunk(text.text(), text.type() == ContentType.MARKDOWN, chunk -> pipeline.add(pending, chunk));
            pipeline.end(pending);
            return Optional.empty();
        } catch (IOException e) {
            pipeline.discard(pending);
            tracker.sourceDone(fingerprint.bytes());
            return Optional.of(failed(id, fingerprint.sha256(), SourceErrors.io("read", e)));
        }
    }

    /**
     * Stores every source whose chunks are all embedded, oldest first, and records each in the
     * manifest after the store accepted it. With {@code wait}, waits for all of them.
     *
     * @return how many sources it settled
     */
    private int storeEmbedded(EmbeddingPipeline pipeline, boolean wait, ProgressTracker tracker, List<SourceOutcome> outcomes) {
        int settled = 0;
        for (EmbeddingPipeline.PendingSource done; (done = pipeline.nextDone(wait)) != null; settled++) {
            List<Chunk> chunks = done.chunks();
            String id = done.id;
            if (chunks.isEmpty()) {
                outcomes.add(empty(id, done.sha256, "no text to index", done.notes));
            } else {
                store(id, () -> repository.replaceSource(id, chunks));
                manifest.put(new ManifestEntry(id, done.sha256, chunks.size(), embedder.modelId(), Instant.now(),
                        SourceStatus.INDEXED, null));
                outcomes.add(new SourceOutcome(id, Outcome.INDEXED, chunks.size(), "", done.notes));
            }
            tracker.sourceDone(done.bytes);
        }
        return settled;
    }

    /** Nothing to index; chunks of an earlier version that had text are removed, since the source no longer says it. */
    private SourceOutcome empty(String id, String sha256, String reason, List<String> notes) {
        if (manifest.entry(id).map(entry -> entry.chunks() > 0).orElse(false)) {
            store(id, () -> repository.deleteBySource(id));
        }
        manifest.put(new ManifestEntry(id, sha256, 0, embedder.modelId(), Instant.now(), SourceStatus.EMPTY, null));
        return new SourceOutcome(id, Outcome.SKIPPED, 0, reason, notes);
    }

    /** The source is reported failed; its earlier chunks stay stored and the manifest still counts them. */
    private SourceOutcome failed(String id, String sha256, SourceException e) {
        int stillStored = manifest.entry(id).map(ManifestEntry::chunks).orElse(0);
        String model = manifest.entry(id).map(ManifestEntry::model).orElse(null);
        manifest.put(new ManifestEntry(id, sha256, stillStored, model, Instant.now(), SourceStatus.FAILED, e.reason()));
        LOG.warn("knowledge_source_failed").with("source", id).with("problem", e.problem().name()).with("reason", e.getMessage()).log();
        return new SourceOutcome(id, Outcome.FAILED, 0, e.reason(), List.of());
    }

    private static void store(String source, Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) {
            throw RunAborted.storeFailed(source, e);
        }
    }

    private static boolean isUnder(Path root, String source) {
        try {
            return Path.of(source).startsWith(root);
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
