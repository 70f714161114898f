package procos.webapps.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignInGateTest {

    @Test
    void sendsABrowserToTheSignInFormWithThePageItAskedForAsNext() {
        String location = SignInGate.signInLocation("/camunda/app/cockpit/default/", "a=1&b=2", "/camunda");

        assertThat(location).startsWith("/procos/signin?next=");
        assertThat(URLDecoder.decode(location.substring("/procos/signin?next=".length()), StandardCharsets.UTF_8))
                .isEqualTo("/camunda/app/cockpit/default/?a=1&b=2");
    }

    @Test
    void carriesAnOverlongPageAsTheWebappsStartInstead() {
        String location = SignInGate.signInLocation("/camunda/app/" + "x".repeat(3000), null, "/camunda");

        assertThat(location).isEqualTo("/procos/signin?next=%2Fcamunda%2F");
    }
}
