/**
 * Structured, one-JSON-object-per-line logging shared by every ProcOS module.
 *
 * <p>ProcOS runs the same code inside Open Liberty and as stand-alone PDE nodes, so logging must
 * not depend on any server API, and its lines must be machine-joinable across processes: every
 * line carries the same fixed keys ({@code correlation_id}, {@code process_instance_id},
 * {@code peo_id}, {@code pde_id}, …) whether or not they are known, and secrets are masked before
 * a line leaves the process. Entry points: {@link procos.logging.StructuredLogger} for events,
 * {@link procos.logging.LogContext} for the ids of the work the current thread is doing.
 */
package procos.logging;
