package procos.pde.endpoint.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import procos.logging.SecretRedactor;
import procos.pde.endpoint.EndpointSettings;
import procos.pde.endpoint.http.HostAllowlist;
import procos.pde.pool.EndpointConfig;

/**
 * The options of a {@code mail} endpoint, read from its {@code settings} and checked once, at
 * construction, so that a bad value stops the boot with the endpoint id and setting named.
 *
 * @param host               SMTP server
 * @param port               SMTP port; by default 587 for starttls, 465 for ssl, 25 for none
 * @param from               the sender of every message (tasks cannot choose it)
 * @param username           login, if the server wants one
 * @param password           a secret: never logged, described or printed
 * @param tls                how the connection is protected
 * @param timeout            longest a send may take, per network step; the task deadline can only shorten it
 * @param allowedRecipients  recipient domains, exact or {@code *.suffix}; required, as addresses come
 *                           from process data and an open endpoint would mail anyone
 * @param maxBodyBytes       largest text plus HTML body, in UTF-8 bytes
 * @param maxAttachmentBytes largest total of decoded attachments
 * @param maxRecipients      most recipients (to, cc and bcc together) of one message
 */
public record MailSettings(String host, int port, InternetAddress from, Optional<String> username, Optional<String> password,
                           Tls tls, Duration timeout, HostAllowlist allowedRecipients, long maxBodyBytes,
                           long maxAttachmentBytes, int maxRecipients) {

    /** How the SMTP connection is protected. */
    public enum Tls {
        /** Plain SMTP; only for a relay on the same host or network. */
        NONE(25),
        /** Plain connection upgraded with STARTTLS, which is required: a server that does not offer it is refused. */
        STARTTLS(587),
        /** TLS from the first byte (SMTPS). */
        SSL(465);

        private final int defaultPort;

        Tls(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String FROM = "from";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String TLS = "tls";
    public static final String TIMEOUT = "timeout";
    public static final String ALLOWED_RECIPIENT_DOMAINS = "allowed_recipient_domains";
    public static final String MAX_BODY_BYTES = "max_body_bytes";
    public static final String MAX_ATTACHMENT_BYTES = "max_attachment_bytes";
    public static final String MAX_RECIPIENTS = "max_recipients";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 10L << 20;
    /** A message is built in memory and travels in one protobuf message; beyond this, mail a link. */
    public static final long MAX_BYTES_LIMIT = 64L << 20;
    public static final int DEFAULT_MAX_RECIPIENTS = 50;
    public static final int MAX_RECIPIENTS_LIMIT = 1000;

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(allowedRecipients, "allowedRecipients");
    }

    /**
     * Reads {@code host} and {@code from} (required), {@code port}, {@code username} and
     * {@code password} (together or not at all), {@code tls} (none | starttls | ssl; default
     * starttls), {@code timeout} (ISO-8601; else the endpoint's {@code timeout}, else 30 s),
     * {@code allowed_recipient_domains} (required), {@code max_body_bytes},
     * {@code max_attachment_bytes} and {@code max_recipients}.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault, never showing the password
     */
    public static MailSettings from(EndpointConfig config) {
        EndpointSettings settings = EndpointSettings.of(config, Set.of(HOST, PORT, FROM, USERNAME, PASSWORD, TLS, TIMEOUT,
                ALLOWED_RECIPIENT_DOMAINS, MAX_BODY_BYTES, MAX_ATTACHMENT_BYTES, MAX_RECIPIENTS));
        String host = settings.required(HOST, "the SMTP server's host name");
        Tls tls = Tls.valueOf(settings.optional(TLS).isEmpty() ? "STARTTLS"
                : settings.choice(TLS, Set.of("none", "starttls", "ssl"), "").toUpperCase(Locale.ROOT));
        int port = (int) settings.whole(PORT, tls.defaultPort, 1, 65_535);
        Optional<String> username = settings.optional(USERNAME);
        Optional<String> password = settings.optional(PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            throw settings.invalid(username.isPresent() ? PASSWORD : USERNAME, "is required when "
                    + (username.isPresent() ? USERNAME : PASSWORD) + " is set");
        }
        return new MailSettings(host, port, sender(settings), username, password, tls,
                settings.duration(TIMEOUT).or(config::timeout).orElse(DEFAULT_TIMEOUT),
                HostAllowlist.fromSetting(settings, ALLOWED_RECIPIENT_DOMAINS, "domain",
                        "comma-separated domains, exact or *.suffix; a mail endpoint sends to no other domain"),
                settings.bytes(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, MAX_BYTES_LIMIT),
                settings.bytes(MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ATTACHMENT_BYTES, MAX_BYTES_LIMIT),
                (int) settings.whole(MAX_RECIPIENTS, DEFAULT_MAX_RECIPIENTS, 1, MAX_RECIPIENTS_LIMIT));
    }

    /** The password masked: settings end up in logs and test reports. */
    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", from=" + from + ", username=" + username.orElse("")
                + password.map(p -> ", password=" + SecretRedactor.MASK).orElse("") + ", tls=" + tls.yamlName()
                + ", timeout=" + timeout + ", allowedRecipients=" + allowedRecipients + ", maxBodyBytes=" + maxBodyBytes
                + ", maxAttachmentBytes=" + maxAttachmentBytes + ", maxRecipients=" + maxRecipients + "]";
    }

    private static InternetAddress sender(EndpointSettings settings) {
        String from = settings.required(FROM, "the sender address, e.g. \"ProcOS <procos@example.com>\"");
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw settings.invalid(FROM, "is not a valid address: " + e.getMessage());
        }
    }
}
