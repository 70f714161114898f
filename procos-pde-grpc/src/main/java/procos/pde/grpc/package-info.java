/**
 * The PDE's gRPC face: the server that exposes a {@link procos.pde.pipeline.TaskExecutor} as
 * {@code procos.pde.v1.PdeService}, and the client a kernel or meta PDE uses to call one.
 *
 * <p>Entry points: {@link procos.pde.grpc.PdeGrpcServer} (lifecycle, health, reflection, auth)
 * configured by {@link procos.pde.grpc.PdeServerOptions}; {@link procos.pde.grpc.PdeGrpcClient}
 * configured by {@link procos.pde.grpc.GrpcChannelOptions}. The service itself
 * ({@link procos.pde.grpc.PdeGrpcService}) only translates between the wire and the executor; it
 * holds no business logic, so the same executor runs behind gRPC, in the engine, or in tests.
 */
package procos.pde.grpc;
