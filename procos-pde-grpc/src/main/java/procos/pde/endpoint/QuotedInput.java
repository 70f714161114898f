package procos.pde.endpoint;

/**
 * Task input quoted for an error message or a log line: in single quotes, control characters
 * escaped (a line break in a log line would forge the next one) and long text cut.
 */
public final class QuotedInput {

    private QuotedInput() {
    }

    public static String of(String input, int maxChars) {
        StringBuilder shown = new StringBuilder("'");
        for (int i = 0; i < input.length() && i < maxChars; i++) {
            char c = input.charAt(i);
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.append(input.length() > maxChars ? "…'" : "'").toString();
    }
}
