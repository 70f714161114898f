package procos.das.api.knowledge;

import java.text.Normalizer;
import procos.das.api.ApiProblem;

/**
 * The name an uploaded file is stored under, checked rather than repaired: a name with a path in it,
 * {@code ..}, a leading dot (hidden files are never indexed), control or reserved characters, or more
 * than {@value #MAX_CHARS} characters is refused with 422, so what is stored is what the user named.
 */
public final class UploadName {

    static final int MAX_CHARS = 200;
    private static final String RESERVED = "/\\:*?\"<>|";

    private UploadName() {
    }

    public static String checked(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiProblem.unprocessable("file: the part needs a file name (Content-Disposition filename)");
        }
        String name = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (name.contains("/") || name.contains("\\") || name.equals("..")) {
            throw ApiProblem.unprocessable("file: the name '" + printable(name) + "' holds a path; give a plain file name");
        }
        if (name.startsWith(".")) {
            throw ApiProblem.unprocessable("file: names starting with '.' are hidden files, which are never indexed");
        }
        if (name.length() > MAX_CHARS) {
            throw ApiProblem.unprocessable("file: the name is " + name.length() + " characters long; at most " + MAX_CHARS);
        }
        if (name.chars().anyMatch(c -> Character.isISOControl(c) || RESERVED.indexOf(c) >= 0)) {
            throw ApiProblem.unprocessable("file: the name '" + printable(name) + "' holds control characters or one of " + RESERVED);
        }
        return name;
    }

    private static String printable(String name) {
        String shown = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
    }
}
