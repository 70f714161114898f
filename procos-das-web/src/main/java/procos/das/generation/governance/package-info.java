/**
 * Governance of generated processes, between validation and deployment: the operator's policy
 * ({@link procos.das.generation.governance.GenerationPolicy}), a durable audit trail of who
 * generated, approved, deployed or rolled back what ({@link procos.das.generation.governance.AuditLog}),
 * and the deployed versions of each process with bounded retention and rollback
 * ({@link procos.das.generation.governance.ProcessVersions}).
 */
package procos.das.generation.governance;
