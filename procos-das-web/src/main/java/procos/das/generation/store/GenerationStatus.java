package procos.das.generation.store;

/** Where a generation request stands; the last five are final. */
public enum GenerationStatus {
    SUBMITTED, NORMALIZED, CONTEXT_READY, DRAFTED, INVALID, VALID, AWAITING_APPROVAL, APPROVED,
    DEPLOYED, REJECTED, BLOCKED_BY_POLICY, FAILED, REFUSED;

    public boolean isFinal() {
        return switch (this) {
            case DEPLOYED, REJECTED, BLOCKED_BY_POLICY, FAILED, REFUSED -> true;
            default -> false;
        };
    }
}
