package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LogContextTest {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("context-test");

    @Test
    void contextFillsTheIdsOfEveryEventLoggedInsideTheScope() {
        try (CapturedLog log = new CapturedLog();
                LogContext.Scope s = LogContext.with(LogContext.CORRELATION_ID, "corr-1")
                        .and(LogContext.PROCESS_INSTANCE_ID, "pi-1")
                        .and(LogContext.PEO_ID, "peo-1")
                        .and(LogContext.PDE_ID, "pde-1")
                        .open()) {
            LOG.info("step").log();

            JsonNode line = log.single();
            assertThat(line.get("correlation_id").asText()).isEqualTo("corr-1");
            assertThat(line.get("process_instance_id").asText()).isEqualTo("pi-1");
            assertThat(line.get("peo_id").asText()).isEqualTo("peo-1");
            assertThat(line.get("pde_id").asText()).isEqualTo("pde-1");
        }
    }

    @Test
    void closingNestedScopesRestoresTheValuesOfTheEnclosingScope() {
        try (CapturedLog log = new CapturedLog()) {
            try (LogContext.Scope outer = LogContext.with(LogContext.CORRELATION_ID, "outer")
                    .and(LogContext.PROCESS_INSTANCE_ID, "pi-outer").open()) {
                try (LogContext.Scope inner = LogContext.with(LogContext.CORRELATION_ID, "inner")
                        .and(LogContext.PDE_ID, "pde-inner").open()) {
                    LOG.info("in_inner").log();
                }
                LOG.info("back_in_outer").log();
            }
            LOG.info("outside").log();

            var events = log.events();
            assertThat(events.get(0).get("correlation_id").asText()).isEqualTo("inner");
            assertThat(events.get(0).get("process_instance_id").asText()).isEqualTo("pi-outer");
            assertThat(events.get(0).get("pde_id").asText()).isEqualTo("pde-inner");

            assertThat(events.get(1).get("correlation_id").asText()).isEqualTo("outer");
            assertThat(events.get(1).get("process_instance_id").asText()).isEqualTo("pi-outer");
            assertThat(events.get(1).get("pde_id").isNull()).isTrue();

            assertThat(events.get(2).get("correlation_id").isNull()).isTrue();
            assertThat(events.get(2).get("process_instance_id").isNull()).isTrue();
        }
        assertThat(LogContext.get(LogContext.CORRELATION_ID)).isNull();
    }

    @Test
    void anInnerScopeCanClearAFieldAndClosingItBringsTheValueBack() {
        try (LogContext.Scope outer = LogContext.with(LogContext.PEO_ID, "peo-1").open()) {
            try (LogContext.Scope inner = LogContext.with(LogContext.PEO_ID, null).open()) {
                assertThat(LogContext.get(LogContext.PEO_ID)).isNull();
            }
            assertThat(LogContext.get(LogContext.PEO_ID)).isEqualTo("peo-1");
        }
    }

    @Test
    void closingAScopeTwiceDoesNotUndoTheEnclosingScope() {
        try (LogContext.Scope outer = LogContext.with(LogContext.CORRELATION_ID, "outer").open()) {
            LogContext.Scope inner = LogContext.with(LogContext.CORRELATION_ID, "inner").open();
            inner.close();
            LogContext.Scope other = LogContext.with(LogContext.CORRELATION_ID, "other").open();
            inner.close();
            assertThat(LogContext.get(LogContext.CORRELATION_ID)).isEqualTo("other");
            other.close();
            assertThat(LogContext.get(LogContext.CORRELATION_ID)).isEqualTo("outer");
        }
    }

    @Test
    void idsSetExplicitlyOnAnEventWinOverTheContext() {
        try (CapturedLog log = new CapturedLog();
                LogContext.Scope s = LogContext.with(LogContext.CORRELATION_ID, "ctx-corr")
                        .and(LogContext.PROCESS_INSTANCE_ID, "ctx-pi")
                        .and(LogContext.PEO_ID, "ctx-peo")
                        .and(LogContext.PDE_ID, "ctx-pde")
                        .open()) {
            LOG.info("explicit")
                    .correlationId("own-corr")
                    .processInstanceId("own-pi")
                    .peoId("own-peo")
                    .pdeId("own-pde")
                    .log();
            LOG.info("partly_explicit").processInstanceId("other-pi").log();

            JsonNode explicit = log.events().get(0);
            assertThat(explicit.get("correlation_id").asText()).isEqualTo("own-corr");
            assertThat(explicit.get("process_instance_id").asText()).isEqualTo("own-pi");
            assertThat(explicit.get("peo_id").asText()).isEqualTo("own-peo");
            assertThat(explicit.get("pde_id").asText()).isEqualTo("own-pde");

            JsonNode partly = log.events().get(1);
            assertThat(partly.get("process_instance_id").asText()).isEqualTo("other-pi");
            assertThat(partly.get("correlation_id").asText()).isEqualTo("ctx-corr");
        }
    }

    @Test
    void anExplicitNullIdFallsBackToTheContext() {
        try (CapturedLog log = new CapturedLog();
                LogContext.Scope s = LogContext.with(LogContext.CORRELATION_ID, "ctx-corr").open()) {
            LOG.info("null_id").correlationId(null).log();

            assertThat(log.single().get("correlation_id").asText()).isEqualTo("ctx-corr");
        }
    }

    @Test
    void contextIsInvisibleToOtherThreads() throws Exception {
        try (LogContext.Scope s = LogContext.with(LogContext.CORRELATION_ID, "mine").open()) {
            String seenElsewhere = CompletableFuture
                    .supplyAsync(() -> String.valueOf(LogContext.get(LogContext.CORRELATION_ID)))
                    .get();
            assertThat(seenElsewhere).isEqualTo("null");
        }
    }

    @Test
    void capturedContextCanBeOpenedOnAnotherThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (CapturedLog log = new CapturedLog()) {
            LogContext.Bindings captured;
            try (LogContext.Scope s = LogContext.with(LogContext.CORRELATION_ID, "corr-x")
                    .and(LogContext.PDE_ID, "pde-x").open()) {
                captured = LogContext.capture();
            }
            pool.submit(() -> {
                try (LogContext.Scope s = captured.open()) {
                    LOG.info("on_worker").log();
                }
                LOG.info("after_worker_scope").log();
            }).get();

            assertThat(log.events().get(0).get("correlation_id").asText()).isEqualTo("corr-x");
            assertThat(log.events().get(0).get("pde_id").asText()).isEqualTo("pde-x");
            assertThat(log.events().get(1).get("correlation_id").isNull()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
