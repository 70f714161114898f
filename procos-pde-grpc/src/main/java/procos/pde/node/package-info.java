/**
 * The standalone PDE node: the same pipeline the server runs, served on its own over gRPC so a
 * ProcOS server can scale out by sending whole tasks to other machines
 * ({@code pde_manager.nodes} on the server, {@code procos.pde.dispatch.RemotePdeExecutor} as the
 * caller).
 *
 * <p>Packaged by the build as {@code procos-pde-grpc-<version>-node.jar} (an executable jar with
 * every runtime dependency) and started with
 * {@code java -jar procos-pde-grpc-<version>-node.jar --config pde-node.yaml --port 50061}. A node
 * has no engine: it never loads {@code procos.pde.dispatch}, which the node jar leaves out.
 */
package procos.pde.node;
