package procos.das.generation.context;

/** A passage cut to a length, at a word boundary where one is near, marked as cut. */
final class Excerpt {

    private Excerpt() {
    }

    static String of(String text, int maxChars) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= maxChars) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', maxChars - 1);
        // A passage without a space near the end (a URL, a table row) is cut mid-word rather than halved.
        if (cut < maxChars / 2) {
            cut = maxChars - 1;
        }
        return flat.substring(0, cut).strip() + "…";
    }
}
