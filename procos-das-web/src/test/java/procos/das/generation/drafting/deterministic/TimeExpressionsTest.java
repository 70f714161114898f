package procos.das.generation.drafting.deterministic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import procos.das.generation.intent.AnalyzedSentence;
import procos.das.generation.intent.TextAnalyzer;
import procos.das.generation.intent.Token;

class TimeExpressionsTest {

    private static List<Token> tokens(String text) {
        List<AnalyzedSentence> sentences = TextAnalyzer.english().analyze(text);
        return sentences.get(0).tokens();
    }

    private static String schedule(String text) {
        TimeExpressions.Span span = TimeExpressions.schedule(tokens(text));
        return span == null ? null : span.value();
    }

    private static String duration(String text) {
        TimeExpressions.Span span = TimeExpressions.findDuration(tokens(text), 0);
        return span == null ? null : span.value();
    }

    @Test
    void weekdayWithTimeIsACronExpression() {
        assertThat(schedule("Every Monday at 6, fetch the report.")).isEqualTo("0 0 6 ? * MON");
        assertThat(schedule("Every Friday at 4 pm, collect the complaints.")).isEqualTo("0 0 16 ? * FRI");
        assertThat(schedule("Each weekday at 9:30 am, check the queue.")).isEqualTo("0 30 9 ? * MON-FRI");
    }

    @Test
    void plainPeriodsAreRepeatingIntervals() {
        assertThat(schedule("Every day, back up the database.")).isEqualTo("R/P1D");
        assertThat(schedule("Every hour, check the disks.")).isEqualTo("R/PT1H");
        assertThat(schedule("Every 30 minutes, read the sensors.")).isEqualTo("R/PT30M");
        assertThat(schedule("Every two weeks, review the backlog.")).isEqualTo("R/P14D");
        assertThat(schedule("Run the export hourly.")).isEqualTo("R/PT1H");
    }

    @Test
    void dailyAtATimeIsACronExpression() {
        assertThat(schedule("Every day at 8 am, fetch the rates.")).isEqualTo("0 0 8 * * ?");
        assertThat(schedule("Every night at 2 am, back up the database.")).isEqualTo("0 0 2 * * ?");
    }

    @Test
    void anAdjectiveIsNoSchedule() {
        assertThat(schedule("Run the nightly data import.")).isNull();
    }

    @Test
    void durationsTakeDigitsAndNumberWords() {
        assertThat(duration("within 4 hours")).isEqualTo("PT4H");
        assertThat(duration("wait two days")).isEqualTo("P2D");
        assertThat(duration("after a week")).isEqualTo("P7D");
        assertThat(duration("within half an hour")).isEqualTo("PT30M");
        assertThat(duration("within 10 working days")).isEqualTo("P10D");
        assertThat(duration("within three months")).isEqualTo("P3M");
    }
}
