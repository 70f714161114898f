package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogThresholdTest {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("threshold-test");

    @Test
    void debugEventsAreDroppedAtTheDefaultThreshold() {
        try (CapturedLog log = new CapturedLog(); ThresholdOverride info = StructuredLogger.useThreshold(LogLevel.INFO)) {
            LOG.debug("chatty").with("n", 1).log();
            LOG.info("kept").log();

            assertThat(log.events()).extracting(line -> line.get("event").asText()).containsExactly("kept");
        }
    }

    @Test
    void lowerThresholdWritesDebugAndClosingRestoresThePreviousOne() {
        try (CapturedLog log = new CapturedLog()) {
            try (ThresholdOverride info = StructuredLogger.useThreshold(LogLevel.INFO)) {
                try (ThresholdOverride debug = StructuredLogger.useThreshold(LogLevel.DEBUG)) {
                    assertThat(StructuredLogger.isEnabled(LogLevel.DEBUG)).isTrue();
                    LOG.debug("while_debug").log();
                }
                assertThat(StructuredLogger.isEnabled(LogLevel.DEBUG)).isFalse();
                LOG.debug("after_restore").log();
            }
            assertThat(log.events()).extracting(line -> line.get("event").asText()).containsExactly("while_debug");
        }
    }

    @Test
    void warnThresholdDropsInfoButKeepsErrors() {
        try (CapturedLog log = new CapturedLog(); ThresholdOverride warn = StructuredLogger.useThreshold(LogLevel.WARN)) {
            LOG.info("dropped").log();
            LOG.error("kept").log();

            assertThat(log.events()).extracting(line -> line.get("level").asText()).containsExactly("ERROR");
        }
    }

    @Test
    void settingIsReadInAnyCaseAndDefaultsToInfo() {
        assertThat(LogThreshold.forSetting(" debug ")).isEqualTo(LogLevel.DEBUG);
        assertThat(LogThreshold.forSetting("Warn")).isEqualTo(LogLevel.WARN);
        assertThat(LogThreshold.forSetting(null)).isEqualTo(LogLevel.INFO);
        assertThat(LogThreshold.forSetting("")).isEqualTo(LogLevel.INFO);
    }

    @Test
    void misspeltSettingFallsBackToInfoInsteadOfSilencingTheLog() {
        assertThat(LogThreshold.forSetting("verbose")).isEqualTo(LogLevel.INFO);
    }
}
