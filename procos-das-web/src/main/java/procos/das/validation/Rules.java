package procos.das.validation;

/** The stable rule names findings carry; callers and tests match on these strings. */
public final class Rules {

    public static final String XML_UNSAFE = "xml.unsafe";
    public static final String XML_MALFORMED = "xml.malformed";
    public static final String XML_TOO_LARGE = "xml.too_large";
    /** Camunda's BPMN parser refused the document (schema violation, unresolved reference, …). */
    public static final String BPMN_UNPARSEABLE = "bpmn.unparseable";
    public static final String STRUCTURE_START_EVENTS = "structure.start_events";
    public static final String STRUCTURE_END_EVENTS = "structure.end_events";
    public static final String STRUCTURE_UNREACHABLE = "structure.unreachable";
    public static final String STRUCTURE_NO_PATH_TO_END = "structure.no_path_to_end";
    public static final String GATEWAY_DEGREE = "gateway.degree";
    public static final String GATEWAY_CONDITION_MISSING = "gateway.condition_missing";
    public static final String GATEWAY_DEFAULT_MISSING = "gateway.default_missing";
    public static final String NAMING_ACTIVITY = "naming.activity";
    public static final String NAMING_EVENT = "naming.event";
    public static final String NAMING_GATEWAY = "naming.gateway";
    public static final String ID_INVALID = "id.invalid";
    public static final String METADATA_MISSING = "metadata.missing";
    public static final String METADATA_HASH_MISMATCH = "metadata.hash_mismatch";
    public static final String SOUNDNESS_DEADLOCK = "soundness.deadlock";
    public static final String SOUNDNESS_LACK_OF_SYNCHRONIZATION = "soundness.lack_of_synchronization";
    public static final String SOUNDNESS_NO_OPTION_TO_COMPLETE = "soundness.no_option_to_complete";
    public static final String SOUNDNESS_IMPROPER_COMPLETION = "soundness.improper_completion";
    public static final String SOUNDNESS_STATE_SPACE_EXCEEDED = "soundness.state_space_exceeded";

    private Rules() {
    }
}
