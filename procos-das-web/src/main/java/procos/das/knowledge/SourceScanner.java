package procos.das.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import procos.das.knowledge.source.FileSource;

/**
 * Lists the files to ingest under a folder (or the one file given): regular files only, in path
 * order; hidden files and folders (name starting with a dot) and symbolic links are left out, so
 * editor backups, VCS folders and links leading out of the folder are never indexed.
 */
final class SourceScanner {

    private SourceScanner() {
    }

    static List<FileSource> scan(Path root) throws IOException {
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(new FileSource(root));
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .filter(path -> !isHidden(root, path))
                    .sorted()
                    .map(FileSource::new)
                    .toList();
        }
    }

    private static boolean isHidden(Path root, Path path) {
        for (Path part : root.relativize(path)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
