package procos.pde.endpoint.subpde;

import java.io.File;
import java.util.Set;
import procos.pde.endpoint.EndpointSettings;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.pool.EndpointConfig;

/**
 * How a {@code pde} endpoint reaches its PDE, read from the entry's {@code address}, {@code token}
 * and {@code settings} and checked once, at boot, naming the endpoint and setting at fault.
 * Settings: {@code tls} (default false), {@code trust_cert_chain} (PEM file; TLS only; else the
 * JVM's trust store) and {@code authority} (host name to verify the certificate against).
 */
final class SubPdeSettings {

    static final String TLS = "tls";
    static final String TRUST_CERT_CHAIN = "trust_cert_chain";
    static final String AUTHORITY = "authority";

    private SubPdeSettings() {
    }

    /** @throws IllegalArgumentException naming the endpoint and the setting at fault */
    static GrpcChannelOptions channelOptions(EndpointConfig config) {
        EndpointSettings settings = EndpointSettings.of(config, Set.of(TLS, TRUST_CERT_CHAIN, AUTHORITY));
        String address = config.address().orElseThrow(() -> new IllegalArgumentException(
                "endpoint '" + config.id() + "': address is required for a pde endpoint (host:port)"));
        boolean tls = settings.bool(TLS, false);
        File trust = settings.optional(TRUST_CERT_CHAIN).map(File::new).orElse(null);
        if (trust != null && !tls) {
            throw settings.invalid(TRUST_CERT_CHAIN, "only applies with tls: true");
        }
        if (trust != null && !trust.canRead()) {
            throw settings.invalid(TRUST_CERT_CHAIN, "names a file that cannot be read: " + trust);
        }
        GrpcChannelOptions options = tls ? GrpcChannelOptions.tls(address, trust) : GrpcChannelOptions.plaintext(address);
        return options.withBearerToken(config.token().orElse(null))
                .withAuthorityOverride(settings.optional(AUTHORITY).orElse(null));
    }
}
