package procos.das.generation.compile;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import procos.das.generation.description.Timer;

/**
 * The names elements carry in the model, following BPMN naming practice: activities keep the
 * drafter's verb and object in sentence case, events name a state ("4 hours passed"), gateways ask
 * a question ending with {@code ?}.
 */
final class ElementNames {

    static final String PROCESS_STARTED = "Process started";
    static final String PROCESS_COMPLETED = "Process completed";
    static final String LOOP_DONE = "Done?";

    private ElementNames() {
    }

    /** Single spaces, the first letter upper case; the rest is kept, so acronyms and proper names survive. */
    static String sentence(String text) {
        String collapsed = text.trim().replaceAll("\\s+", " ");
        if (collapsed.isEmpty()) {
            return collapsed;
        }
        int first = collapsed.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(collapsed.substring(Character.charCount(first))).toString();
    }

    /** A gateway's name: a question, so it ends with one question mark. */
    static String question(String text) {
        String sentence = sentence(text).replaceAll("[\\s.?!:;,]+$", "");
        return sentence.isEmpty() ? LOOP_DONE : sentence + "?";
    }

    /** {@code name} in sentence case, or {@code fallback} when there is none. */
    static String orElse(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : sentence(name);
    }

    /** What a timer event is called when the drafter gave no name: the state reached when it fires. */
    static String timerState(Timer timer) {
        return switch (timer.kind()) {
            case DURATION -> duration(timer.value()) + " passed";
            case DATE -> "Date reached";
            case CYCLE -> "Time reached";
        };
    }

    /** A message's name as a state: {@code customer_reply} → "Customer reply received". */
    static String messageState(String message) {
        return sentence(message.replace('_', ' ').replace('.', ' ')) + " received";
    }

    /** An ISO 8601 duration in words, such as "1 day 4 hours"; the ISO text itself when it cannot be read. */
    static String duration(String iso) {
        String value = iso.trim();
        List<String> parts = new ArrayList<>();
        try {
            Duration duration = Duration.parse(value);
            add(parts, duration.toDaysPart(), "day");
            add(parts, duration.toHoursPart(), "hour");
            add(parts, duration.toMinutesPart(), "minute");
            add(parts, duration.toSecondsPart(), "second");
        } catch (DateTimeParseException notTimeBased) {
            try {
                Period period = Period.parse(value);
                add(parts, period.getYears(), "year");
                add(parts, period.getMonths(), "month");
                if (period.getDays() % 7 == 0) {
                    add(parts, period.getDays() / 7, "week");
                } else {
                    add(parts, period.getDays(), "day");
                }
            } catch (DateTimeParseException e) {
                return value;
            }
        }
        return parts.isEmpty() ? value : sentence(String.join(" ", parts));
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount != 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }

    /** A form field's label when the drafter gave none: its id in words. */
    static String label(String fieldId) {
        return sentence(fieldId.replace('_', ' ').toLowerCase(Locale.ROOT));
    }
}
