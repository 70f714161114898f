package procos.kernel;

/** The kernel's lifecycle, in boot order. Only {@link #MONITORING} is ready. */
public enum KernelPhase {
    CREATED,
    VALIDATING_CONFIG,
    STARTING_ENGINE,
    /** Role groups, their grants and the first admin user in the engine; the metrics credential. */
    SECURING,
    DEPLOYING,
    STARTING_PDES,
    STARTING_ROOT,
    MONITORING,
    /** Boot stopped at a phase; the status names the phase and the reasons. */
    FAILED,
    STOPPING,
    STOPPED;

    /** The log event and metric tag for a boot phase. */
    public String eventName() {
        return name().toLowerCase();
    }
}
