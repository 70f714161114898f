package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @Test
    void namesIpv4AndBracketedIpv6Parse() {
        assertThat(HostPort.parse("localhost:50061")).contains(new HostPort("localhost", 50061));
        assertThat(HostPort.parse("pde-b.internal.example:443")).contains(new HostPort("pde-b.internal.example", 443));
        assertThat(HostPort.parse("10.0.0.7:50051")).contains(new HostPort("10.0.0.7", 50051));
        assertThat(HostPort.parse("[::1]:50051")).contains(new HostPort("::1", 50051));
    }

    @Test
    void itPrintsAsAGrpcTarget() {
        assertThat(new HostPort("::1", 50051)).hasToString("[::1]:50051");
        assertThat(new HostPort("localhost", 1)).hasToString("localhost:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "localhost:", ":1", "host:0", "host:65536", "host:-1",
            "dns:///host:1", "host:1/x", "::1:50051", "-host:1", "ho st:1"})
    void anythingElseIsRefused(String text) {
        assertThat(HostPort.parse(text)).isEmpty();
    }
}
