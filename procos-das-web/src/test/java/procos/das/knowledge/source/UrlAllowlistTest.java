package procos.das.knowledge.source;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The internal-address rule, on literals and on loopback names (no other DNS is needed). */
class UrlAllowlistTest {

    @Test
    void anInternalAddressListedLiterallyIsReachableInAnySpelling() {
        UrlAllowlist allowlist = UrlAllowlist.parse("[::1], 127.0.0.1");

        assertThatCode(() -> allowlist.checkAddresses(URI.create("http://[0:0:0:0:0:0:0:1]:8080/doc"))).doesNotThrowAnyException();
        assertThatCode(() -> allowlist.checkAddresses(URI.create("http://127.0.0.1/doc"))).doesNotThrowAnyException();
    }

    @Test
    void anInternalAddressNotListedIsRefusedEvenForAnAllowedLiteralOfAnotherFamily() {
        UrlAllowlist allowlist = UrlAllowlist.parse("10.0.0.1,[::1]");

        assertThatThrownBy(() -> allowlist.checkAddresses(URI.create("http://10.0.0.2/doc")))
                .isInstanceOf(SourceException.class).hasMessageContaining("internal address 10.0.0.2");
    }

    @Test
    void aHostBelowAnAllowedSuffixPassesTheHostCheck() {
        UrlAllowlist allowlist = UrlAllowlist.parse("*.example.org");

        assertThatCode(() -> allowlist.checkUrl(URI.create("https://docs.example.org/a.md"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> allowlist.checkUrl(URI.create("https://example.org/a.md"))).isInstanceOf(SourceException.class);
    }

    @Test
    void aMalformedEntryIsRefusedWhenTheListIsRead() {
        assertThatThrownBy(() -> UrlAllowlist.parse("https://example.org/path")).isInstanceOf(IllegalArgumentException.class);
    }
}
