package procos.das.api.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import procos.das.api.ApiProblem;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.manifest.ManifestEntry;
import procos.das.knowledge.manifest.SourceStatus;

/**
 * The knowledge base's sources as users see them: what the manifest records, what a running job
 * is about to index, and what users removed. Removing takes a source's chunks out of the index and
 * keeps everything else (its file stays).
 */
public final class KnowledgeSources {

    private final Supplier<KnowledgeIngestor> ingestor;
    private final KnowledgeFolder folder;
    private final IngestionJobs jobs;

    public KnowledgeSources(Supplier<KnowledgeIngestor> ingestor, KnowledgeFolder folder, IngestionJobs jobs) {
        this.ingestor = ingestor;
        this.folder = folder;
        this.jobs = jobs;
    }

    /** Every source, by location. */
    public List<KnowledgeSource> all() {
        Set<String> pending = jobs.running().map(IngestionJob::pending).orElse(Set.of());
        Set<String> listed = new HashSet<>();
        List<KnowledgeSource> sources = new ArrayList<>();
        for (ManifestEntry entry : ingestor.get().entries()) {
            listed.add(entry.source());
            sources.add(pending.contains(entry.source()) ? pending(entry.source()) : indexed(entry));
        }
        for (String source : pending) {
            if (listed.add(source)) {
                sources.add(pending(source));
            }
        }
        for (Map.Entry<String, Instant> gone : ingestor.get().removedSources().entrySet()) {
            if (listed.add(gone.getKey())) {
                sources.add(new KnowledgeSource(KnowledgeFolder.idOf(gone.getKey()), folder.name(gone.getKey()),
                        folder.location(gone.getKey()), "removed", size(gone.getKey()), 0, gone.getValue(), null));
            }
        }
        sources.sort(Comparator.comparing(KnowledgeSource::location));
        return sources;
    }

    /** @throws ApiProblem 404 when no source has this id */
    public String sourceOf(String id) {
        List<String> known = new ArrayList<>(ingestor.get().entries().stream().map(ManifestEntry::source).toList());
        known.addAll(ingestor.get().removedSources().keySet());
        return known.stream().filter(source -> KnowledgeFolder.idOf(source).equals(id)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("id: no knowledge source '" + id + "'"));
    }

    /**
     * Takes the source's chunks out of the index and lists it as removed; its file stays.
     *
     * @throws ApiProblem 404 for an unknown id, 409 while an ingestion job runs
     */
    public void remove(String id) throws IOException {
        String source = sourceOf(id);
        jobs.refuseWhileRunning();
        ingestor.get().remove(source);
    }

    /** A source about to be indexed. */
    public KnowledgeSource pending(String source) {
        return new KnowledgeSource(KnowledgeFolder.idOf(source), folder.name(source), folder.location(source), "pending",
                size(source), 0, null, null);
    }

    private KnowledgeSource indexed(ManifestEntry entry) {
        String status = entry.status() == SourceStatus.FAILED ? "failed" : "indexed";
        return new KnowledgeSource(KnowledgeFolder.idOf(entry.source()), folder.name(entry.source()), folder.location(entry.source()),
                status, size(entry.source()), entry.chunks(), entry.timestamp(), entry.error());
    }

    private static Long size(String source) {
        try {
            Path file = Path.of(source);
            return file.isAbsolute() && Files.isRegularFile(file) ? Files.size(file) : null;
        } catch (InvalidPathException | IOException e) {
            return null;
        }
    }
}
