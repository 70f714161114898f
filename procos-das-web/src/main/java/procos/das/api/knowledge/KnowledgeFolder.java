package procos.das.api.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import procos.das.api.ApiProblem;

/**
 * The folder the API keeps and references knowledge in, and how sources are named to users: a
 * source under the folder by its path relative to it, anything else (a URL, a folder preloaded from
 * elsewhere) by its id as the manifest records it. Uploads go to its {@value #UPLOADS} folder.
 */
public final class KnowledgeFolder {

    public static final String UPLOADS = "uploads";

    private final Path root;

    public KnowledgeFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path uploads() {
        return root.resolve(UPLOADS);
    }

    /** The source's name for users: relative to this folder when under it, else its id. */
    public String location(String sourceId) {
        try {
            Path path = Path.of(sourceId);
            if (path.isAbsolute() && path.normalize().startsWith(root)) {
                return root.relativize(path.normalize()).toString().replace('\\', '/');
            }
        } catch (InvalidPathException e) {
            // a URL or another id that is no path: shown as it is
        }
        return sourceId;
    }

    /** The last part of a source's location, for titles. */
    public String name(String sourceId) {
        String location = location(sourceId);
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** A stable, URL-safe id for a source: the first 16 hex digits of its id's SHA-256. */
    public static String idOf(String sourceId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sourceId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The existing file or folder {@code relative} names inside this folder. Refused (422, naming
     * {@code field}): an absolute path, {@code ..}, a hidden part (ingestion skips those), a path that
     * does not exist, or one whose real location — links followed — is outside the folder.
     */
    public Path resolve(String field, String relative) {
        String text = relative.strip().replace('\\', '/');
        if (text.isEmpty() || text.length() > 1_000 || text.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.unprocessable(field + ": must be a path of 1 to 1000 printable characters");
        }
        if (text.startsWith("/") || text.matches("^[A-Za-z]:.*")) {
            throw ApiProblem.unprocessable(field + ": must be relative to the knowledge folder, not absolute");
        }
        for (String part : text.split("/")) {
            if (part.equals("..")) {
                throw ApiProblem.unprocessable(field + ": '..' is not allowed; name a file or folder inside the knowledge folder");
            }
            if (part.startsWith(".") && !part.equals(".")) {
                throw ApiProblem.unprocessable(field + ": hidden files and folders ('" + part + "') are never indexed");
            }
        }
        Path resolved;
        try {
            resolved = root.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw ApiProblem.unprocessable(field + ": not a valid path (" + e.getReason() + ")");
        }
        if (!resolved.startsWith(root) || !Files.exists(resolved)) {
            throw ApiProblem.unprocessable(field + ": '" + text + "' does not exist in the knowledge folder");
        }
        try {
            if (!resolved.toRealPath().startsWith(root.toRealPath())) {
                throw ApiProblem.unprocessable(field + ": '" + text + "' leads outside the knowledge folder");
            }
        } catch (IOException e) {
            throw ApiProblem.unprocessable(field + ": '" + text + "' cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return resolved;
    }
}
