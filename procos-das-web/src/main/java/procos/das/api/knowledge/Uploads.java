package procos.das.api.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import procos.das.api.ApiProblem;
import procos.das.knowledge.source.ContentTypeDetector;
import procos.das.knowledge.source.Source;
import procos.das.knowledge.source.SourceException;

/**
 * Stores uploaded files in the knowledge folder's uploads folder. The bytes go to a hidden temporary
 * file first (ingestion skips hidden files), are counted against the size limit (413), and their
 * type is told from the content and the name by Tika, against the types ingestion reads (415); only
 * then is the file moved to its name. An existing file is replaced only when the caller says so (409).
 */
public final class Uploads {

    /** Default size limit of one uploaded file: 15 MiB, so that with its multipart framing it stays under the
     *  whole-request limit ({@code procos.http.max-request-bytes}, 16 MiB by default), which is checked first. */
    public static final long DEFAULT_MAX_BYTES = 15L * 1024 * 1024;

    private final KnowledgeFolder folder;
    private final long maxBytes;
    private final ContentTypeDetector detector = new ContentTypeDetector();

    public Uploads(KnowledgeFolder folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    /** Where a file of this (checked) name is stored. */
    public Path target(String name) {
        return folder.uploads().resolve(name);
    }

    /**
     * @throws ApiProblem 409 if the file exists and {@code replace} is false; 413 above the size limit;
     *                    422 for an empty file; 415 for content ingestion cannot read
     */
    public Path store(String name, InputStream content, boolean replace) throws IOException {
        Path target = target(name);
        refuseOverwrite(target, replace);
        Files.createDirectories(folder.uploads());
        Path temporary = folder.uploads().resolve(".upload-" + UUID.randomUUID());
        try {
            long size = copyAtMost(content, temporary);
            if (size == 0) {
                throw ApiProblem.unprocessable("file: is empty");
            }
            checkType(name, temporary);
            refuseOverwrite(target, replace);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void refuseOverwrite(Path target, boolean replace) {
        if (!replace && Files.exists(target)) {
            throw ApiProblem.conflict("file: '" + target.getFileName() + "' exists already; send replace=true to replace it");
        }
    }

    private long copyAtMost(InputStream content, Path temporary) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(temporary)) {
            for (int read; (read = content.read(buffer)) != -1; ) {
                total += read;
                if (total > maxBytes) {
                    throw ApiProblem.tooLarge("file: larger than " + maxBytes + " bytes (procos.knowledge.upload.max-bytes)");
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    private void checkType(String name, Path temporary) {
        try {
            detector.detect(new Source() {
                @Override
                public String id() {
                    return name;
                }

                @Override
                public String name() {
                    return name;
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(temporary);
                }
            });
        } catch (SourceException e) {
            throw ApiProblem.unsupportedMediaType("file: " + e.reason() + " (told from its content and name)");
        }
    }
}
