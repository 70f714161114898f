/**
 * The conformance check for endpoints: points at any {@code procos.pde.v1.EndpointService}, in any
 * language, and reports by name which parts of the contract it honours: health, description,
 * invoking what it describes, refusals with the documented status, deadlines, correlation ids and
 * authentication.
 *
 * <p>Entry points: {@link procos.pde.conformance.EndpointConformance} (library API, returns a
 * {@link procos.pde.conformance.ConformanceReport}) and {@link procos.pde.conformance.ConformanceCommand}
 * (the {@code conformance} command of the node jar). The checks need no knowledge of the endpoint:
 * what to call comes from the call examples it publishes in {@code Capability.examples}.
 */
package procos.pde.conformance;
