package procos.das.generation.description;

/** The PDE type a service step is routed to, as in the PDE manager's pool configuration. */
public enum PdeType {
    GENERAL_PURPOSE, AI, INTEGRATION, META
}
