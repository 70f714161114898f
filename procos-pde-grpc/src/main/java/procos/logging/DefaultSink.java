package procos.logging;

import java.nio.file.Path;

/**
 * Chooses the sink used until someone installs another, from deployment configuration rather than
 * code, so the same build logs to stdout in a container and to a file on a bare PDE node.
 * The system property wins over the environment variable, as it is the more local setting.
 */
final class DefaultSink {

    static final String PROPERTY = "procos.log.file";
    static final String ENVIRONMENT_VARIABLE = "PROCOS_LOG_FILE";

    private DefaultSink() {
    }

    static LogSink fromEnvironment() {
        return forSetting(setting(PROPERTY, ENVIRONMENT_VARIABLE));
    }

    /** A logging setting from deployment configuration: the system property if set, else the environment variable. */
    static String setting(String property, String environmentVariable) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? System.getenv(environmentVariable) : value;
    }

    /**
     * A path selects a file sink; nothing or {@code stdout} selects stdout. A file that cannot be
     * opened falls back to stdout, because losing the log entirely would be worse.
     */
    static LogSink forSetting(String setting) {
        if (setting == null || setting.isBlank() || setting.strip().equalsIgnoreCase("stdout")) {
            return new StdoutSink();
        }
        try {
            return new FileSink(Path.of(setting.strip()));
        } catch (RuntimeException e) {
            System.err.println("procos.logging: cannot log to " + setting.strip() + " ("
                    + ErrorDescription.describe(e) + "); logging to stdout instead");
            return new StdoutSink();
        }
    }
}
