package procos.kernel.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.container.impl.deployment.scanning.ClassPathProcessApplicationScanner;

/**
 * Finds the BPMN set to deploy: every {@code .bpmn} resource under {@code processes/} on the class
 * path (the procos-processes module), plus, optionally, the {@code .bpmn} files of an operator's
 * folder. Uses Camunda's own class-path scanner, which understands the archive URLs of every
 * application server, instead of a hand-written one.
 */
public final class ProcessResources {

    /** Class-path folder the procos-processes module puts its BPMN files in. */
    public static final String CLASSPATH_ROOT = "processes";

    private ProcessResources() {
    }

    /** Resources sorted by name, keyed by the file name the deployment will carry. */
    public static Map<String, byte[]> fromClasspath(ClassLoader classLoader) {
        Map<String, byte[]> found = new ClassPathProcessApplicationScanner()
                .findResources(classLoader, "classpath:" + CLASSPATH_ROOT, null);
        Map<String, byte[]> bpmn = new TreeMap<>();
        found.forEach((name, bytes) -> {
            if (name.endsWith(".bpmn")) {
                bpmn.put(fileName(name), bytes);
            }
        });
        return bpmn;
    }

    /**
     * The BPMN set the kernel deploys: the shipped files on the class path, then those of
     * {@code extraDir}, which replace shipped files of the same name.
     */
    public static Map<String, byte[]> processSet(ClassLoader classLoader, Optional<Path> extraDir) {
        Map<String, byte[]> set = new TreeMap<>(fromClasspath(classLoader));
        extraDir.ifPresent(dir -> set.putAll(fromDirectory(dir)));
        return set;
    }

    /** The {@code .bpmn} files directly inside {@code dir}, sorted by name. */
    public static Map<String, byte[]> fromDirectory(Path dir) {
        Map<String, byte[]> bpmn = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && file.getFileName().toString().endsWith(".bpmn")) {
                    bpmn.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BPMN folder " + dir, e);
        }
        return bpmn;
    }

    private static String fileName(String resourcePath) {
        return resourcePath.substring(resourcePath.lastIndexOf('/') + 1);
    }
}
