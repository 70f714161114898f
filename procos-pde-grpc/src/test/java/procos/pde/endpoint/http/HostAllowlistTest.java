package procos.pde.endpoint.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HostAllowlistTest {

    private final HostAllowlist allowlist = HostAllowlist.parse(" api.example.com , *.example.org,127.0.0.1,[::1], 2001:db8::1 ");

    @ParameterizedTest
    @CsvSource({
        "api.example.com, true",
        "API.Example.COM, true",
        "api.example.com., true",
        "www.api.example.com, false",
        "example.com, false",
        "a.example.org, true",
        "deep.a.example.org, true",
        "example.org, false",
        "evilexample.org, false",
        "example.org.evil.com, false",
        "127.0.0.1, true",
        "localhost, false",
        "127.0.0.2, false",
        "[::1], true",
        "[2001:db8::1], true",
    })
    void hostsMatchByExactSpellingOrSuffix(String host, boolean allowed) {
        assertThat(allowlist.allows(host)).isEqualTo(allowed);
    }

    @Test
    void anEmptyListAllowsNothing() {
        assertThat(HostAllowlist.none().allows("api.example.com")).isFalse();
        assertThat(HostAllowlist.parse(" , ").isEmpty()).isTrue();
        assertThat(HostAllowlist.parse("").allows("localhost")).isFalse();
        assertThat(allowlist.allows(null)).isFalse();
        assertThat(allowlist.allows("")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.", "**.example.com", "api.*.com", "https://api.example.com", "api.example.com:443",
        "api.example.com/path", "user@api.example.com", "a b.com", ".example.com"})
    void entriesThatAreNotHostsAreRefused(String entry) {
        assertThatThrownBy(() -> HostAllowlist.parse(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry.trim());
    }

    @Test
    void entriesAreKeptAsConfiguredInLowerCase() {
        assertThat(HostAllowlist.parse("API.example.com,*.Example.org").entries())
                .containsExactly("api.example.com", "*.example.org");
    }
}
