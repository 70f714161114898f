package procos.das.generation.intent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Properties;

/**
 * Finds an OpenNLP model shipped in one of the {@code opennlp-models-*} jars. Each such jar holds a
 * {@code model.properties} at its root naming its model file, and that name carries the model's
 * version; so a model is looked up by the stable start of its name and an upgrade of the model jars
 * needs no code change.
 */
final class ModelResources {

    private ModelResources() {
    }

    /** Opens the model whose file name starts with {@code namePrefix}; the caller closes the stream. */
    static InputStream open(String namePrefix) {
        ClassLoader loader = ModelResources.class.getClassLoader();
        try {
            Enumeration<URL> descriptors = loader.getResources("model.properties");
            while (descriptors.hasMoreElements()) {
                URL descriptor = descriptors.nextElement();
                String name = modelName(descriptor);
                if (name != null && name.startsWith(namePrefix)) {
                    return new URL(descriptor, name).openStream();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenNLP model " + namePrefix + "* could not be read", e);
        }
        throw new IllegalStateException("no OpenNLP model named " + namePrefix
                + "* is on the classpath; the opennlp-models jars are dependencies of procos-das-web");
    }

    private static String modelName(URL descriptor) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = descriptor.openStream()) {
            properties.load(in);
        }
        String name = properties.getProperty("model.name");
        // A name is a plain file next to the descriptor; anything with a path is not one of ours.
        return name == null || name.contains("/") || name.contains("\\") ? null : name.strip();
    }

    /** Reads a model from its stream. */
    interface Reader<M> {
        M read(InputStream in) throws IOException;
    }

    /** Loads the model whose file name starts with {@code namePrefix}. */
    static <M> M load(String namePrefix, Reader<M> reader) {
        try (InputStream in = open(namePrefix)) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenNLP model " + namePrefix + "* could not be loaded", e);
        }
    }
}
