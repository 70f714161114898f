package procos.pde.endpoint.mail;

import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.QuotedInput;

/**
 * Guards text that ends up in a message header (subject, addresses, file names). A line break in
 * such text would end the header and let whoever wrote the process data add headers of their own
 * (a Bcc, say): header injection. Such text is refused, never cleaned, so the process learns of it.
 */
final class HeaderText {

    private static final int MAX_SHOWN = 100;

    private HeaderText() {
    }

    static void requireSingleLine(String input, String text) throws EndpointException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u0000') {
                throw InvokeInputs.invalid("input '" + input + "' must not contain line breaks or NUL (header injection)");
            }
        }
    }

    /** {@code text} quoted for a message, control characters escaped and long text cut. */
    static String show(String text) {
        return QuotedInput.of(text, MAX_SHOWN);
    }
}
