package procos.das.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAuthenticationTest {

    @Test
    void scriptsAndApiClientsAreChallengedForBasicCredentials() {
        assertThat(HttpAuthentication.challengeFor(request(Map.of()))).isEqualTo("Basic realm=\"ProcOS\"");
        assertThat(HttpAuthentication.challengeFor(request(Map.of("Sec-Fetch-Mode", "navigate")))).startsWith("Basic ");
    }

    @Test
    void aBrowserPagesOwnRequestsAreNotChallengedForBasicSoNoPasswordPromptBlocksTheConsole() {
        for (String mode : new String[] {"cors", "same-origin", "no-cors"}) {
            assertThat(HttpAuthentication.challengeFor(request(Map.of("Sec-Fetch-Mode", mode))))
                    .as(mode).startsWith("ProcOS-Sign-In ").contains("sign-in=\"/procos/signin\"").doesNotContain("Basic");
        }
    }

    private static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpAuthenticationTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeader")) {
                        return headers.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
