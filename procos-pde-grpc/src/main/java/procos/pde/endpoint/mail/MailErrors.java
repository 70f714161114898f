package procos.pde.endpoint.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import procos.pde.endpoint.EndpointException;

/**
 * The error codes of the mail endpoint and the translation of Jakarta Mail's exceptions into them,
 * in one place. Whether a failure is retryable decides whether the pipeline sends again, so only
 * failures that happened before the server took the message (no connection, no answer) are.
 */
final class MailErrors {

    /** A recipient's domain is not in {@code allowed_recipient_domains}. */
    static final String RECIPIENT_NOT_ALLOWED = "RECIPIENT_NOT_ALLOWED";
    static final String TOO_MANY_RECIPIENTS = "TOO_MANY_RECIPIENTS";
    static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";
    static final String ATTACHMENT_TOO_LARGE = "ATTACHMENT_TOO_LARGE";
    /** The server refused the login. */
    static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
    /** The server refused a recipient or the message; sending it again gets the same answer. */
    static final String REJECTED = "REJECTED";
    /** TLS could not be set up (certificate, protocol, or no STARTTLS offered): a configuration problem. */
    static final String TLS_ERROR = "TLS_ERROR";
    static final String UNAVAILABLE = "UNAVAILABLE";
    static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    static final String UNSUPPORTED_TASK_TYPE = "UNSUPPORTED_TASK_TYPE";
    static final String INTERNAL = "INTERNAL";

    private MailErrors() {
    }

    static EndpointException attachmentsTooLarge(long max) {
        return new EndpointException(ATTACHMENT_TOO_LARGE, "attachments are larger than max_attachment_bytes (" + max + ")", false);
    }

    static EndpointException deadline(String host) {
        return new EndpointException(DEADLINE_EXCEEDED, "SMTP server '" + host + "' did not answer within the time allowed", true);
    }

    /** What a failure to send means for the task. Messages name the host, never credentials. */
    static EndpointException from(MessagingException failure, String host) {
        if (failure instanceof AuthenticationFailedException) {
            return new EndpointException(AUTHENTICATION_FAILED, "SMTP server '" + host + "' refused the login"
                    + " (check username and password)", false);
        }
        if (failure instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                && refused.getInvalidAddresses().length > 0) {
            String addresses = Arrays.stream(refused.getInvalidAddresses()).map(Object::toString).collect(Collectors.joining(", "));
            return new EndpointException(REJECTED, "SMTP server '" + host + "' refused the recipients " + addresses
                    + "; nothing was sent", false);
        }
        Throwable cause = rootIo(failure);
        if (cause instanceof SocketTimeoutException) {
            return deadline(host);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return new EndpointException(UNAVAILABLE, "cannot connect to SMTP server '" + host + "': "
                    + cause.getClass().getSimpleName(), true);
        }
        if (cause instanceof SSLException || String.valueOf(failure.getMessage()).contains("STARTTLS")) {
            return new EndpointException(TLS_ERROR, "TLS with SMTP server '" + host + "' failed: " + failure.getMessage(), false);
        }
        if (cause instanceof IOException) {
            return new EndpointException(UNAVAILABLE, "exchange with SMTP server '" + host + "' failed: "
                    + cause.getClass().getSimpleName(), true);
        }
        return new EndpointException(REJECTED, "SMTP server '" + host + "' refused the message: " + failure.getMessage(), false);
    }

    /** The first I/O exception behind {@code failure}: Jakarta Mail nests them as "next exceptions" and causes. */
    private static Throwable rootIo(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof IOException) {
                return cause;
            }
        }
        return failure;
    }

    private static Throwable next(Throwable failure) {
        if (failure instanceof MessagingException messaging && messaging.getNextException() != null
                && messaging.getNextException() != failure) {
            return messaging.getNextException();
        }
        return failure.getCause() == failure ? null : failure.getCause();
    }
}
