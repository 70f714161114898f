package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tls} mapping of nodes and of remote and pde endpoints: bound, and refused field by field. */
class TlsConfigValidationTest {

    @RegisterExtension
    final CapturedPoolLog log = new CapturedPoolLog();

    @TempDir
    Path dir;

    private Map<String, String> env;

    @BeforeEach
    void createFiles() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "not parsed by the loader");
        Files.writeString(dir.resolve("client.pem"), "not parsed by the loader");
        Files.writeString(dir.resolve("client.key"), "not parsed by the loader");
        env = Map.of("TLS_DIR", dir.toString());
    }

    /** The minimal configuration with one node whose entry ends with {@code nodeTls}. */
    private static String withNodeTls(String nodeTls) {
        return PoolYaml.MINIMAL + """
                  nodes:
                    - id: node-b
                      address: 10.0.0.7:50061
                      pde_types: [general_purpose]
                """ + nodeTls.indent(6);
    }

    @Test
    void aNodeTlsMappingIsBoundWithItsFilesAndAuthority() throws Exception {
        PdeManagerConfig config = PoolYaml.load(withNodeTls("""
                tls:
                  enabled: true
                  trust_cert_chain: ${TLS_DIR}/ca.pem
                  authority: node-b.internal
                  cert_chain: ${TLS_DIR}/client.pem
                  private_key: ${TLS_DIR}/client.key
                """), env);

        assertThat(config.nodes().get(0).tls()).isEqualTo(new TlsConfig(true, Optional.of(dir.resolve("ca.pem")),
                Optional.of("node-b.internal"), Optional.of(dir.resolve("client.pem")),
                Optional.of(dir.resolve("client.key"))));
    }

    @Test
    void withoutATlsMappingANodeIsReachedInPlaintext() throws Exception {
        assertThat(PoolYaml.load(withNodeTls("")).nodes().get(0).tls()).isEqualTo(TlsConfig.PLAINTEXT);
    }

    @Test
    void tlsWithoutATrustFileUsesTheDefaultTrustStore() throws Exception {
        TlsConfig tls = PoolYaml.load(withNodeTls("tls: {enabled: true}")).nodes().get(0).tls();

        assertThat(tls.enabled()).isTrue();
        assertThat(tls.trustCertChain()).isEmpty();
    }

    @Test
    void aMissingTrustFileIsNamedByItsField() {
        assertThat(PoolYaml.problems(withNodeTls("tls: {enabled: true, trust_cert_chain: '${TLS_DIR}/missing.pem'}"), env))
                .containsExactly("pde_manager.nodes[0].tls.trust_cert_chain: file '" + dir.resolve("missing.pem")
                        + "' does not exist");
    }

    @Test
    void aDirectoryIsNotATrustFile() {
        assertThat(PoolYaml.problems(withNodeTls("tls: {enabled: true, trust_cert_chain: '${TLS_DIR}'}"), env))
                .containsExactly("pde_manager.nodes[0].tls.trust_cert_chain: '" + dir + "' is not a file");
    }

    @Test
    void settingsWithoutTlsEnabledAreRefusedRatherThanIgnored() {
        assertThat(PoolYaml.problems(withNodeTls("""
                tls:
                  trust_cert_chain: ${TLS_DIR}/ca.pem
                  authority: node-b.internal
                """), env)).containsExactly(
                "pde_manager.nodes[0].tls.trust_cert_chain: only applies with TLS: set enabled: true, or remove it",
                "pde_manager.nodes[0].tls.authority: only applies with TLS: set enabled: true, or remove it");
        assertThat(PoolYaml.problems(withNodeTls("tls: {enabled: false, authority: node-b.internal}"))).containsExactly(
                "pde_manager.nodes[0].tls.authority: only applies with TLS: set enabled: true, or remove it");
    }

    @Test
    void aClientCertificateNeedsItsKey() {
        assertThat(PoolYaml.problems(withNodeTls("tls: {enabled: true, cert_chain: '${TLS_DIR}/client.pem'}"), env))
                .containsExactly("pde_manager.nodes[0].tls.private_key: is required with cert_chain: a client"
                        + " certificate needs both");
    }

    @Test
    void unknownKeysAndBadValuesInTheTlsMappingAreNamed() {
        assertThat(PoolYaml.problems(withNodeTls("tls: {enabled: yes-please, trust: ca.pem, authority: 'a b'}")))
                .containsExactly(
                        "pde_manager.nodes[0].tls.enabled: must be true or false, got 'yes-please'",
                        "pde_manager.nodes[0].tls.trust: unknown key (allowed here: enabled, trust_cert_chain,"
                                + " authority, cert_chain, private_key)");
        assertThat(PoolYaml.problems(withNodeTls("tls: {enabled: true, authority: 'https://node-b/'}"))).containsExactly(
                "pde_manager.nodes[0].tls.authority: 'https://node-b/' is not a host name (e.g. node-b.internal),"
                        + " which the certificate is checked against");
        assertThat(PoolYaml.problems(withNodeTls("tls: true"))).containsExactly(
                "pde_manager.nodes[0].tls: must be a mapping with the keys enabled, trust_cert_chain, authority,"
                        + " cert_chain, private_key, not a single value");
    }

    @Test
    void enabledMayComeFromTheEnvironment() throws Exception {
        String yaml = withNodeTls("tls: {enabled: '${NODE_B_TLS:false}'}");

        assertThat(PoolYaml.load(yaml).nodes().get(0).tls().enabled()).isFalse();
        assertThat(PoolYaml.load(yaml, Map.of("NODE_B_TLS", "true")).nodes().get(0).tls().enabled()).isTrue();
    }

    @Test
    void remoteAndPdeEndpointsTakeTheSameTlsMappingOtherKindsDoNot() throws Exception {
        String endpoints = """
                    - id: child
                      kind: pde
                      address: 10.0.0.8:50051
                      tls: {enabled: true, trust_cert_chain: '${TLS_DIR}/ca.pem'}
                    - id: polyglot
                      kind: remote
                      address: 10.0.0.9:50071
                      tls: {enabled: true, trust_cert_chain: '${TLS_DIR}/nope.pem'}
                    - id: web
                      kind: http
                      tls: {enabled: true}
                """;

        assertThat(PoolYaml.problems(PoolYaml.MINIMAL + endpoints, env)).containsExactly(
                "pde_manager.endpoints[2].tls.trust_cert_chain: file '" + dir.resolve("nope.pem") + "' does not exist",
                "pde_manager.endpoints[3].tls: only remote and pde endpoints take tls; the transport options of"
                        + " http endpoints go under settings");
        assertThat(PoolYaml.load(PoolYaml.MINIMAL + endpoints.substring(0, endpoints.indexOf("    - id: polyglot")), env)
                .endpoints().get(1).tls().trustCertChain()).contains(dir.resolve("ca.pem"));
    }
}
