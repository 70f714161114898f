package procos.das.generation.drafting.deterministic;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import procos.das.generation.intent.Token;

/**
 * Reads periods ("4 hours", "two days", "half an hour") and schedules ("every Monday at 6", "every
 * hour", "daily at 8:30 pm") from tokens, as the ISO 8601 durations and cycles or the cron expressions
 * Camunda's timers take.
 */
final class TimeExpressions {

    private TimeExpressions() {
    }

    /** A time expression found over tokens {@code start} (inclusive) to {@code end} (exclusive). */
    record Span(int start, int end, String value, String words, String assumption) {
    }

    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("minute", "M"), Map.entry("min", "M"), Map.entry("mins", "M"), Map.entry("hour", "H"),
            Map.entry("hr", "H"), Map.entry("hrs", "H"), Map.entry("h", "H"), Map.entry("day", "D"), Map.entry("week", "W"),
            Map.entry("month", "MO"), Map.entry("year", "Y"));

    private static final Map<String, String> WEEKDAYS = Map.ofEntries(
            Map.entry("monday", "MON"), Map.entry("tuesday", "TUE"), Map.entry("wednesday", "WED"),
            Map.entry("thursday", "THU"), Map.entry("friday", "FRI"), Map.entry("saturday", "SAT"),
            Map.entry("sunday", "SUN"), Map.entry("mondays", "MON"), Map.entry("tuesdays", "TUE"),
            Map.entry("wednesdays", "WED"), Map.entry("thursdays", "THU"), Map.entry("fridays", "FRI"),
            Map.entry("saturdays", "SAT"), Map.entry("sundays", "SUN"));

    /** The period starting at token {@code from} ("4 hours", "a day", "two working days"), or {@code null}. */
    static Span durationAt(List<Token> tokens, int from) {
        if (from >= tokens.size()) {
            return null;
        }
        String first = tokens.get(from).lower();
        if (first.equals("half") && from + 2 < tokens.size() && tokens.get(from + 1).lower().matches("an?")
                && unit(tokens.get(from + 2)).equals("H")) {
            return new Span(from, from + 3, "PT30M", "half an hour", null);
        }
        Integer count = Words.wholeNumber(first);
        int at = from + 1;
        if (count == null) {
            return null;
        }
        if (first.equals("couple") || at < tokens.size() && tokens.get(at).lower().equals("of")) {
            at++;
        }
        String assumption = null;
        if (at < tokens.size() && List.of("working", "business", "calendar", "full", "more").contains(tokens.get(at).lower())) {
            if (!tokens.get(at).lower().equals("calendar") && !tokens.get(at).lower().equals("full")) {
                assumption = "\"" + tokens.get(at).text() + " days\" are read as calendar days";
            }
            at++;
        }
        if (at >= tokens.size()) {
            return null;
        }
        String unit = unit(tokens.get(at));
        if (unit.isEmpty()) {
            return null;
        }
        String words = count + " " + tokens.get(at).lower();
        return new Span(from, at + 1, iso(count, unit), words, "W".equals(unit) || "D".equals(unit) ? assumption : null);
    }

    /** The first period anywhere after {@code from}, or {@code null}. */
    static Span findDuration(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            Span span = durationAt(tokens, i);
            if (span != null) {
                return span;
            }
        }
        return null;
    }

    private static String unit(Token token) {
        String unit = UNITS.get(token.lemma());
        return unit != null ? unit : UNITS.getOrDefault(token.lower().replaceAll("s$", ""), "");
    }

    private static String iso(int count, String unit) {
        return switch (unit) {
            case "M" -> "PT" + count + "M";
            case "H" -> "PT" + count + "H";
            case "D" -> "P" + count + "D";
            case "W" -> "P" + (7 * count) + "D";
            case "MO" -> "P" + count + "M";
            default -> "P" + count + "Y";
        };
    }

    /**
     * The schedule in {@code tokens} ("every Monday at 6", "each weekday at 9:30 am", "every 2 hours",
     * "daily", "hourly", "every day at 8"), or {@code null}. A cycle with a time of day is a cron
     * expression; a plain period is an ISO repeating interval ({@code R/P1D}).
     */
    static Span schedule(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.get(i).lower();
            Span span = switch (word) {
                case "every", "each" -> everyAt(tokens, i);
                case "daily", "nightly", "hourly", "weekly", "monthly", "yearly", "annually" ->
                        // "the nightly import" describes a thing; "run it nightly" schedules it.
                        i + 1 < tokens.size() && (tokens.get(i + 1).is("NOUN") || tokens.get(i + 1).is("ADJ")) ? null : adverbAt(tokens, i);
                case "on" -> i + 1 < tokens.size() && WEEKDAYS.containsKey(tokens.get(i + 1).lower())
                        && tokens.get(i + 1).lower().endsWith("s") ? weekly(tokens, i, i + 1, i + 2) : null;
                default -> null;
            };
            if (span != null) {
                return span;
            }
        }
        return null;
    }

    private static Span everyAt(List<Token> tokens, int every) {
        int next = every + 1;
        if (next >= tokens.size()) {
            return null;
        }
        String word = tokens.get(next).lower();
        if (WEEKDAYS.containsKey(word)) {
            return weekly(tokens, every, next, next + 1);
        }
        if (word.equals("weekday") || word.equals("weekdays") || word.equals("working") || word.equals("business")) {
            int end = word.equals("working") || word.equals("business") ? next + 2 : next + 1;
            return daily(tokens, every, end, "MON-FRI");
        }
        if (word.equals("day") || word.equals("days") && next == every + 1) {
            return daily(tokens, every, next + 1, null);
        }
        if (word.equals("morning") || word.equals("evening") || word.equals("night") || word.equals("afternoon")) {
            return daily(tokens, every, next + 1, null, word);
        }
        Span period = durationAt(tokens, next);
        if (period != null) {
            return new Span(every, period.end(), "R/" + period.value(), "every " + period.words(), null);
        }
        String unit = unit(tokens.get(next));
        if (!unit.isEmpty()) {
            if (unit.equals("W")) {
                return new Span(every, next + 1, "R/P7D", "every week", null);
            }
            return new Span(every, next + 1, "R/" + iso(1, unit), "every " + word, null);
        }
        return null;
    }

    private static Span adverbAt(List<Token> tokens, int at) {
        return switch (tokens.get(at).lower()) {
            case "daily" -> daily(tokens, at, at + 1, null);
            case "nightly" -> daily(tokens, at, at + 1, null, "night");
            case "hourly" -> new Span(at, at + 1, "R/PT1H", "hourly", null);
            case "weekly" -> new Span(at, at + 1, "R/P7D", "weekly", null);
            case "monthly" -> new Span(at, at + 1, "R/P1M", "monthly", null);
            default -> new Span(at, at + 1, "R/P1Y", "yearly", null);
        };
    }

    private static Span weekly(List<Token> tokens, int start, int dayAt, int after) {
        String day = WEEKDAYS.get(tokens.get(dayAt).lower());
        TimeOfDay time = timeOfDay(tokens, after);
        String assumption = null;
        if (time == null) {
            time = new TimeOfDay(8, 0, after);
            assumption = "no time of day was given for \"every " + tokens.get(dayAt).text() + "\"; 08:00 is assumed";
        }
        return new Span(start, time.end(), "0 " + time.minute() + " " + time.hour() + " ? * " + day,
                "every " + tokens.get(dayAt).text(), assumption);
    }

    private static Span daily(List<Token> tokens, int start, int after, String days) {
        return daily(tokens, start, after, days, null);
    }

    private static Span daily(List<Token> tokens, int start, int after, String days, String partOfDay) {
        TimeOfDay time = timeOfDay(tokens, after);
        String assumption = null;
        if (time == null && partOfDay != null) {
            int hour = switch (partOfDay) {
                case "morning" -> 8;
                case "afternoon" -> 14;
                case "evening" -> 18;
                default -> 0;
            };
            time = new TimeOfDay(hour, 0, after);
            assumption = "\"every " + partOfDay + "\" is read as " + String.format(Locale.ROOT, "%02d:00", hour);
        }
        if (time == null) {
            if (days != null) {
                time = new TimeOfDay(8, 0, after);
                assumption = "no time of day was given; 08:00 is assumed";
            } else {
                return new Span(start, after, "R/P1D", "every day", null);
            }
        }
        String dayOfWeek = days == null ? "* * ?" : "? * " + days;
        return new Span(start, time.end(), "0 " + time.minute() + " " + time.hour() + " " + dayOfWeek,
                days == null ? "every day" : "every weekday", assumption);
    }

    private record TimeOfDay(int hour, int minute, int end) {
    }

    /** "at 6", "at 6 am", "at 6pm", "at 18:30", "at noon", "at midnight" from token {@code at} on. */
    private static TimeOfDay timeOfDay(List<Token> tokens, int at) {
        if (at >= tokens.size() || !tokens.get(at).lower().equals("at") || at + 1 >= tokens.size()) {
            return null;
        }
        String word = tokens.get(at + 1).lower();
        if (word.equals("noon") || word.equals("midday")) {
            return new TimeOfDay(12, 0, at + 2);
        }
        if (word.equals("midnight")) {
            return new TimeOfDay(0, 0, at + 2);
        }
        String digits = word.replaceAll("(am|pm|a\\.m\\.|p\\.m\\.|h)$", "");
        String suffix = word.substring(digits.length());
        int end = at + 2;
        if (suffix.isEmpty() && end < tokens.size() && tokens.get(end).lower().matches("am|pm|a\\.m\\.|p\\.m\\.|o'clock|h")) {
            suffix = tokens.get(end).lower();
            end++;
        }
        String[] parts = digits.split("[:.]");
        if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty() || !parts[0].chars().allMatch(Character::isDigit)
                || parts[0].length() > 2 || parts.length == 2 && !(parts[1].length() == 2 && parts[1].chars().allMatch(Character::isDigit))) {
            Integer spelled = Words.wholeNumber(word);
            if (spelled == null || spelled > 12) {
                return null;
            }
            parts = new String[] {String.valueOf(spelled)};
        }
        int hour = Integer.parseInt(parts[0]);
        int minute = parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
        if (suffix.startsWith("p") && hour < 12) {
            hour += 12;
        } else if (suffix.startsWith("a") && hour == 12) {
            hour = 0;
        }
        if (hour > 23 || minute > 59) {
            return null;
        }
        return new TimeOfDay(hour, minute, end);
    }
}
