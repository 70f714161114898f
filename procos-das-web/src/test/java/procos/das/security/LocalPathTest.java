package procos.das.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalPathTest {

    @Test
    void acceptsAPathOnThisServerWithItsQueryAndFragment() {
        assertThat(LocalPath.of("/camunda/app/cockpit/default/")).hasValue("/camunda/app/cockpit/default/");
        assertThat(LocalPath.of("/camunda/app/cockpit/default/?a=b%20c#/processes")).hasValue("/camunda/app/cockpit/default/?a=b%20c#/processes");
    }

    @Test
    void refusesEveryWayOfNamingAnotherHost() {
        for (String elsewhere : new String[] {"//attacker.example/", "/\\attacker.example", "\\\\attacker.example",
                "https://attacker.example/", "attacker.example", "javascript:alert(1)", "/\t/attacker.example", " /procos/"}) {
            assertThat(LocalPath.of(elsewhere)).as(elsewhere).isEmpty();
        }
    }

    @Test
    void refusesNothingEmptyOverlongOrMalformed() {
        assertThat(LocalPath.of(null)).isEmpty();
        assertThat(LocalPath.of("")).isEmpty();
        assertThat(LocalPath.of("/" + "a".repeat(LocalPath.MAX_LENGTH))).isEmpty();
        assertThat(LocalPath.of("/procos/%zz")).isEmpty();
        assertThat(LocalPath.of("/procos/\nSet-Cookie: x=y")).isEmpty();
    }
}
