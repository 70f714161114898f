package procos.das.generation.compile;

/**
 * Free text stored in a model as information only (the intent, who asked): one line, bounded, and
 * never an expression, because the engine evaluates {@code ${…}} and {@code #{…}} in many places and
 * the deployment guard refuses models that hold any it does not like.
 */
final class PlainText {

    private PlainText() {
    }

    /** {@code text} on one line, at most {@code max} characters, its expression markers broken up; "" for none. */
    static String of(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder line = new StringBuilder();
        text.codePoints().forEach(c -> line.appendCodePoint(
                Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029' ? ' ' : c));
        String single = line.toString().trim().replaceAll(" {2,}", " ").replace("${", "$ {").replace("#{", "# {");
        if (single.codePointCount(0, single.length()) <= max) {
            return single;
        }
        return single.substring(0, single.offsetByCodePoints(0, max - 1)) + "…";
    }
}
