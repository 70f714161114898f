package procos.das.generation.context;

/**
 * A process already deployed, as the context compares it with a new intent.
 *
 * @param key    the process definition key
 * @param name   its name, or the key when it has none
 * @param intent what it is for, from its {@code procos.intent} property; empty when it has none
 */
public record DeployedProcess(String key, String name, String intent) {

    public DeployedProcess {
        name = name == null || name.isBlank() ? key : name;
        intent = intent == null ? "" : intent.strip();
    }
}
