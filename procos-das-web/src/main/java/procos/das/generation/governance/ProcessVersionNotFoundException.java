package procos.das.generation.governance;

import java.util.OptionalInt;

/** No deployed process has the key asked for, or it has no such version. */
public class ProcessVersionNotFoundException extends RuntimeException {

    private final String key;
    private final Integer version;

    public ProcessVersionNotFoundException(String key) {
        super("no process with key '" + key + "' is deployed");
        this.key = key;
        this.version = null;
    }

    public ProcessVersionNotFoundException(String key, int version) {
        super("process '" + key + "' has no deployed version " + version);
        this.key = key;
        this.version = version;
    }

    public String key() {
        return key;
    }

    public OptionalInt version() {
        return version == null ? OptionalInt.empty() : OptionalInt.of(version);
    }
}
