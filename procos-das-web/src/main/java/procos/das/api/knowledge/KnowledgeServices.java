package procos.das.api.knowledge;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import procos.das.api.ApiProblem;
import procos.das.knowledge.IngestionSettings;
import procos.das.knowledge.source.HttpDocumentFetcher;
import procos.das.knowledge.source.UrlAllowlist;
import procos.das.runtime.KnowledgeBase;
import procos.kernel.Kernel;
import procos.kernel.config.KernelSettings;

/**
 * Wires the knowledge API to the server: the knowledge folder ({@code procos.knowledge.dir}, else
 * {@code sources} in the knowledge data directory), the upload size limit
 * ({@value #UPLOAD_MAX_BYTES}, 15 MiB by default), the jobs on the server's managed executor, and
 * the URL fetcher: the hosts it may reach ({@value #URL_ALLOWED_HOSTS}, none by default, so URLs
 * are refused), its timeouts ({@value #URL_CONNECT_TIMEOUT}, {@value #URL_TIMEOUT}) and size cap
 * ({@value #URL_MAX_BYTES}).
 */
@ApplicationScoped
public class KnowledgeServices {

    public static final String UPLOAD_MAX_BYTES = "procos.knowledge.upload.max-bytes";
    public static final String URL_ALLOWED_HOSTS = "procos.knowledge.url.allowed-hosts";
    public static final String URL_CONNECT_TIMEOUT = "procos.knowledge.url.connect-timeout";
    public static final String URL_TIMEOUT = "procos.knowledge.url.timeout";
    public static final String URL_MAX_BYTES = "procos.knowledge.url.max-bytes";
    static final int JOBS_KEPT = 100;

    @Inject
    KnowledgeBase knowledgeBase;

    @Inject
    Kernel kernel;

    @Inject
    Config config;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private volatile IngestionJobs jobs;
    private volatile HttpDocumentFetcher fetcher;

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public ManagedExecutorService executor() {
        return executor;
    }

    public KnowledgeFolder folder() {
        Optional<Path> configured = Optional.ofNullable(kernel.settings()).flatMap(KernelSettings::knowledgeDir);
        return new KnowledgeFolder(configured.orElseGet(() -> knowledgeBase.dataDir().resolve("sources")));
    }

    public Uploads uploads() {
        long max = config.getOptionalValue(UPLOAD_MAX_BYTES, Long.class).filter(bytes -> bytes > 0).orElse(Uploads.DEFAULT_MAX_BYTES);
        return new Uploads(folder(), max);
    }

    public synchronized IngestionJobs jobs() {
        if (jobs == null) {
            jobs = new IngestionJobs(executor, JOBS_KEPT);
        }
        return jobs;
    }

    /** The URL fetcher, as the settings say (read once). */
    public synchronized HttpDocumentFetcher fetcher() {
        if (fetcher == null) {
            long maxBytes = config.getOptionalValue(URL_MAX_BYTES, Long.class).filter(bytes -> bytes > 0).orElse(Uploads.DEFAULT_MAX_BYTES);
            UrlAllowlist allowlist;
            try {
                allowlist = UrlAllowlist.parse(config.getOptionalValue(URL_ALLOWED_HOSTS, String.class).orElse(""));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.unprocessable("url: the server setting " + URL_ALLOWED_HOSTS + " is invalid: " + e.getMessage());
            }
            fetcher = new HttpDocumentFetcher(new HttpDocumentFetcher.Settings(allowlist,
                    positive(URL_CONNECT_TIMEOUT, Duration.ofSeconds(10)), positive(URL_TIMEOUT, Duration.ofSeconds(30)),
                    Math.min(maxBytes, IngestionSettings.DEFAULT.maxSourceBytes())));
        }
        return fetcher;
    }

    public KnowledgeSources sources() {
        return new KnowledgeSources(knowledgeBase::ingestor, folder(), jobs());
    }

    /** Stores an uploaded file (name already checked) and starts indexing it. */
    public UploadAccepted upload(String name, InputStream content, boolean replace) throws IOException {
        jobs().refuseWhileRunning();
        Path stored = uploads().store(name, content, replace);
        knowledgeBase.ingestor().restore(stored.toString());
        IngestionJob job = ingest(IngestionJob.Kind.UPLOAD, stored);
        return new UploadAccepted(sources().pending(stored.toString()), job.view());
    }

    /** Indexes a file or folder inside the knowledge folder; removed sources under it are back. */
    public IngestionJob reference(String relative) throws IOException {
        Path path = folder().resolve("path", relative);
        jobs().refuseWhileRunning();
        for (String source : knowledgeBase.ingestor().removedSources().keySet()) {
            if (pathOf(source).filter(file -> file.startsWith(path)).isPresent()) {
                knowledgeBase.ingestor().restore(source);
            }
        }
        return ingest(IngestionJob.Kind.REFERENCE, path);
    }

    /** Fetches and indexes the document at {@code url} (checked here); a removed URL is back. */
    public IngestionJob referenceUrl(String url) throws IOException {
        URI checked = ReferenceUrl.checked(url, fetcher().allowlist());
        jobs().refuseWhileRunning();
        knowledgeBase.ingestor().restore(checked.toString());
        return jobs().start(IngestionJob.Kind.REFERENCE, new UrlIngestionRun(knowledgeBase.ingestor(), checked, fetcher()));
    }

    /** Re-indexes one source (back if it was removed); a URL source is fetched again. */
    public IngestionJob reindex(String id) throws IOException {
        String source = sources().sourceOf(id);
        if (source.startsWith("http://") || source.startsWith("https://")) {
            return referenceUrl(source);
        }
        Path file = pathOf(source).filter(Files::isRegularFile).orElseThrow(() -> ApiProblem.unprocessable(
                "source: '" + folder().location(source) + "' is no longer a file this server can read"));
        jobs().refuseWhileRunning();
        knowledgeBase.ingestor().restore(source);
        return ingest(IngestionJob.Kind.REINDEX, file);
    }

    /** Re-indexes the whole knowledge folder, leaving removed sources out. */
    public IngestionJob reindexAll() throws IOException {
        return ingest(IngestionJob.Kind.REINDEX, Files.createDirectories(folder().root()));
    }

    /** A job that ingests {@code path} (a file or folder); the ingestor leaves out removed sources. */
    private IngestionJob ingest(IngestionJob.Kind kind, Path path) {
        return jobs().start(kind, new IngestionRun(knowledgeBase.ingestor(), path, folder()));
    }

    private Duration positive(String setting, Duration fallback) {
        return config.getOptionalValue(setting, Duration.class).filter(value -> !value.isNegative() && !value.isZero()).orElse(fallback);
    }

    private static Optional<Path> pathOf(String source) {
        try {
            return Optional.of(Path.of(source)).filter(Path::isAbsolute);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
