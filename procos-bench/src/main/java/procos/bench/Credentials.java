package procos.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user the bench signs in as. The server answers nothing but health without credentials, so every
 * HTTP call the bench makes carries HTTP Basic, built here and nowhere else.
 */
record Credentials(String user, String password) {

    /** The value of the {@code Authorization} header. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return user + ":***";
    }
}
