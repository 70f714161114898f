package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "password", "PASSWORD", "db_password", "dbPassword", "passwd", "pwd", "secret", "client_secret",
        "clientSecret", "token", "access_token", "refreshToken", "api_key", "apikey", "api-key", "X-Api-Key",
        "Authorization", "credential", "credentials", "private_key", "privateKey", "access_key",
        "aws_secret_access_key", "keystore password", "javax.net.ssl.keyStorePassword", "passphrase",
        "Cookie", "token_count", "max_tokens"})
    void keysThatNameCredentialsAreSecret(String key) {
        assertThat(SecretRedactor.isSecretKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "username", "db_url", "tokenizer", "host", "event", "pass_rate", "keys"})
    void ordinaryKeysAreNotSecret(String key) {
        assertThat(SecretRedactor.isSecretKey(key)).isFalse();
    }

    @Test
    void textValuesUnderSecretKeysAreMaskedAndNeighboursKept() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user", "alice");
        fields.put("password", "hunter2");
        fields.put("clientSecret", "s3cr3t");
        fields.put("Authorization", "whatever-scheme abc");
        fields.put("secret_bytes", new char[] {'x'});

        assertThat(SecretRedactor.redact(fields)).isEqualTo(Map.of(
                "user", "alice",
                "password", "***",
                "clientSecret", "***",
                "Authorization", "***",
                "secret_bytes", "***"));
    }

    @Test
    void numbersAndBooleansUnderTokenLikeKeysStayVisibleBecauseTheyAreCountersNotCredentials() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("token_count", 42);
        fields.put("max_tokens", 4096);
        fields.put("prompt_tokens", 17L);
        fields.put("password_max_age_days", 90);
        fields.put("has_secret", true);
        fields.put("token", null);

        assertThat(SecretRedactor.redact(fields)).isEqualTo(fields);
    }

    @Test
    void secretsInsideNestedMapsAndListsAreMasked() {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("url", "jdbc:postgresql://db:5432/procos");
        db.put("user", "procos");
        db.put("password", "pg-pass");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("datasource", db);
        fields.put("endpoints", List.of(
                Map.of("name", "crm", "api_key", "k-123"),
                List.of(Map.of("token", "t-456", "port", 443))));

        Map<String, Object> expectedDb = new LinkedHashMap<>(db);
        expectedDb.put("password", "***");
        assertThat(SecretRedactor.redact(fields)).isEqualTo(Map.of(
                "datasource", expectedDb,
                "endpoints", List.of(
                        Map.of("name", "crm", "api_key", "***"),
                        List.of(Map.of("token", "***", "port", 443)))));
    }

    @Test
    void aWholeStructureUnderASecretKeyIsMasked() {
        Map<String, Object> fields = Map.of("credentials", Map.of("user", "bob", "pass", "x"),
                "tokens", List.of("t1", "t2"));

        assertThat(SecretRedactor.redact(fields)).isEqualTo(Map.of("credentials", "***", "tokens", "***"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "login failed password=hunter2 user=bob      | login failed password=*** user=bob",
        "DB_PASSWORD = hunter2; next                 | DB_PASSWORD = ***; next",
        "token: abc.def-ghi and more                 | token: *** and more",
        "access_token=eyJhbGciOi&expires_in=3600     | access_token=***&expires_in=3600",
        "'client_secret: \"two words\" end'          | 'client_secret: \"***\" end'",
        "'{\"api_key\":\"k-123\",\"user\":\"u\"}'    | '{\"api_key\":\"***\",\"user\":\"u\"}'",
        "-Djavax.net.ssl.keyStorePassword=changeit x | -Djavax.net.ssl.keyStorePassword=*** x",
        "x-api-key: abc123                           | x-api-key: ***",
        "secret=\"\"                                 | secret=\"***\"",
    })
    void credentialPairsInTextAreMaskedAndTheSurroundingTextIsKept(String input, String expected) {
        assertThat(SecretRedactor.redactText(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "request used max_tokens=4096 and token_count=17",
        "tokens_used: 1234, prompt_tokens: 99",
        "password authentication failed for user \"procos\"",
        "Basic setup complete",
        "see https://example.org:8443/path?q=1 and mail bob@example.org",
        "jdbc:oracle:thin:@//db:1521/ORCL",
    })
    void textWithoutCredentialsIsLeftUnchanged(String input) {
        assertThat(SecretRedactor.redactText(input)).isEqualTo(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"task_completed", "3f2a9c1e-77b0-4d2e-9a51-0c6f7f0e2b11", "das.knowledge.index",
        "PT30S", "general_purpose pool saturated, 8 tasks waiting"})
    void ordinaryValuesSkipThePatternsAltogether(String input) {
        assertThat(SecretRedactor.mayHoldCredential(input)).isFalse();
        assertThat(SecretRedactor.redactText(input)).isSameAs(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@host", "Bearer x", "BASIC y", "db_password=x", "API-KEY: x", "x-Token:y",
        "Authorization=z", "credentials: c", "pwd=1", "SECRET:s"})
    void anythingAPatternCouldMatchIsScanned(String input) {
        assertThat(SecretRedactor.mayHoldCredential(input)).isTrue();
    }

    @Test
    void bearerTokensAreMasked() {
        assertThat(SecretRedactor.redactText("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig-_x= sent"))
                .isEqualTo("Authorization: Bearer *** sent");
        assertThat(SecretRedactor.redactText("header bearer abc123"))
                .isEqualTo("header bearer ***");
    }

    @Test
    void basicCredentialsAreMaskedButTheWordBasicIsNot() {
        String encoded = Base64.getEncoder().encodeToString("alice:hunter2".getBytes(StandardCharsets.UTF_8));

        assertThat(SecretRedactor.redactText("Authorization: Basic " + encoded + " ok"))
                .isEqualTo("Authorization: Basic *** ok");
        assertThat(SecretRedactor.redactText("Basic authentication is enabled"))
                .isEqualTo("Basic authentication is enabled");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "connecting to postgresql://procos:pg-pass@db:5432/procos | connecting to postgresql://procos:***@db:5432/procos",
        "jdbc:mysql://root:p@ss:w0rd@db/app?ssl=true              | jdbc:mysql://root:***@db/app?ssl=true",
        "amqp://guest:guest@rabbit                                | amqp://guest:***@rabbit",
        "redis://:only-pass@cache:6379                            | redis://:***@cache:6379",
        "https://user:pw@host/a and https://other:pw2@h2/b        | https://user:***@host/a and https://other:***@h2/b",
    })
    void passwordsInUrlUserInfoAreMaskedAndTheUserAndHostKept(String input, String expected) {
        assertThat(SecretRedactor.redactText(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/procos?user=procos&password=pg-pass&ssl=true | jdbc:postgresql://db:5432/procos?user=procos&password=***&ssl=true",
        "jdbc:sqlserver://db:1433;databaseName=procos;password=Sq1!;encrypt=true | jdbc:sqlserver://db:1433;databaseName=procos;password=***;encrypt=true",
        "jdbc:h2:mem:test;USER=sa;PASSWORD=sa-pass                              | jdbc:h2:mem:test;USER=sa;PASSWORD=***",
        "jdbc:oracle:thin:scott/tiger@//db:1521/ORCL                            | jdbc:oracle:thin:scott/***@//db:1521/ORCL",
    })
    void jdbcPasswordParametersAreMaskedAndTheRestOfTheUrlKept(String input, String expected) {
        assertThat(SecretRedactor.redactText(input)).isEqualTo(expected);
    }

    @Test
    void redactingTwiceGivesTheSameResult() {
        String once = SecretRedactor.redactText(
                "postgresql://u:p@h password=x token: y Bearer z jdbc:oracle:thin:a/b@h");

        assertThat(SecretRedactor.redactText(once)).isEqualTo(once);
        assertThat(once).doesNotContain(":p@", "=x", ": y", "Bearer z", "a/b@");
    }

    @Test
    void stringsInsideListsAndMapsAreScannedToo() {
        Object redacted = SecretRedactor.redact(Map.of("args", List.of("--url", "https://u:p@h/x", "password=pw")));

        assertThat(redacted).isEqualTo(Map.of("args", List.of("--url", "https://u:***@h/x", "password=***")));
    }

    @Test
    void valuesThatAreNeitherTextNorContainersArePassedThrough() {
        assertThat(SecretRedactor.redact(7)).isEqualTo(7);
        assertThat(SecretRedactor.redact(null)).isNull();
        assertThat(SecretRedactor.redactText(null)).isNull();
    }
}
