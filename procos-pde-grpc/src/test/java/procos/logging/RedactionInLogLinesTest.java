package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionInLogLinesTest {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("redaction-test");

    @Test
    void secretFieldsAreMaskedBeforeTheLineIsWritten() {
        try (CapturedLog log = new CapturedLog()) {
            LOG.info("connector_configured")
                    .with("api_key", "k-123")
                    .with("config", Map.of("oauth", Map.of("client_secret", "cs-1", "client_id", "procos")))
                    .with("headers", List.of("Authorization: Bearer abc.def", "Accept: */*"))
                    .with("max_tokens", 4096)
                    .with("token_count", 17)
                    .log();

            String raw = log.lines().get(0);
            assertThat(raw).doesNotContain("k-123", "cs-1", "abc.def");
            JsonNode line = log.single();
            assertThat(line.get("api_key").asText()).isEqualTo("***");
            assertThat(line.at("/config/oauth/client_secret").asText()).isEqualTo("***");
            assertThat(line.at("/config/oauth/client_id").asText()).isEqualTo("procos");
            assertThat(line.at("/headers/0").asText()).isEqualTo("Authorization: Bearer ***");
            assertThat(line.at("/headers/1").asText()).isEqualTo("Accept: */*");
            assertThat(line.get("max_tokens").asInt()).isEqualTo(4096);
            assertThat(line.get("token_count").asInt()).isEqualTo(17);
        }
    }

    @Test
    void secretsInsideErrorMessagesAndTheirCausesAreMasked() {
        Exception failure = new IllegalStateException(
                "cannot start engine on jdbc:postgresql://procos:pg-pass@db:5432/procos",
                new SQLException("login rejected for url jdbc:sqlserver://db;user=sa;password=Sq1!;x=1"));
        try (CapturedLog log = new CapturedLog()) {
            LOG.error("engine_failed").error(failure)
                    .with("db_url", "jdbc:postgresql://db/procos?user=procos&password=pg-pass")
                    .log();

            String raw = log.lines().get(0);
            assertThat(raw).doesNotContain("pg-pass", "Sq1!");
            JsonNode line = log.single();
            assertThat(line.get("error").asText()).isEqualTo(
                    "java.lang.IllegalStateException: cannot start engine on jdbc:postgresql://procos:***@db:5432/procos");
            assertThat(line.get("error_chain").get(0).asText()).isEqualTo(
                    "java.sql.SQLException: login rejected for url jdbc:sqlserver://db;user=sa;password=***;x=1");
            assertThat(line.get("db_url").asText()).isEqualTo("jdbc:postgresql://db/procos?user=procos&password=***");
        }
    }

    @Test
    void secretsInContextIdsOrObjectsRenderedAsTextAreMaskedToo() {
        Object opaque = new Object() {
            @Override
            public String toString() {
                return "Config[token=t-999]";
            }
        };
        try (CapturedLog log = new CapturedLog()) {
            LOG.info("odd").correlationId("Bearer leaked-token").with("cfg", opaque).log();

            JsonNode line = log.single();
            assertThat(line.get("correlation_id").asText()).isEqualTo("Bearer ***");
            assertThat(line.get("cfg").asText()).isEqualTo("Config[token=***]");
        }
    }
}
