package procos.pde.endpoint.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import procos.pde.endpoint.EndpointException;

/**
 * Sends one message over SMTP with a session made for that send, whose connect, read and write
 * timeouts are the time the task has left: Jakarta Mail takes timeouts only per session, and a
 * server that accepts a connection and never greets must cost no more than the budget.
 */
final class SmtpSender {

    private final MailSettings settings;

    SmtpSender(MailSettings settings) {
        this.settings = settings;
    }

    /** Sends {@code mail} within {@code budget}; returns the Message-ID. */
    String send(OutgoingMail mail, Optional<String> idempotencyKey, Duration budget) throws EndpointException {
        if (budget.isNegative() || budget.isZero()) {
            throw MailErrors.deadline(settings.host());
        }
        Session session = Session.getInstance(properties(budget));
        try {
            MimeMessage message = MimeComposer.compose(session, settings.from(), mail, idempotencyKey);
            try (Transport transport = session.getTransport(protocol())) {
                transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                        settings.password().orElse(null));
                transport.sendMessage(message, mail.recipients().toArray(jakarta.mail.Address[]::new));
            }
            return message.getMessageID();
        } catch (MessagingException e) {
            throw MailErrors.from(e, settings.host());
        }
    }

    private String protocol() {
        return settings.tls() == MailSettings.Tls.SSL ? "smtps" : "smtp";
    }

    private Properties properties(Duration budget) {
        String prefix = "mail." + protocol() + ".";
        String millis = Long.toString(Math.max(1, budget.toMillis()));
        Properties properties = new Properties();
        properties.setProperty(prefix + "connectiontimeout", millis);
        properties.setProperty(prefix + "timeout", millis);
        properties.setProperty(prefix + "writetimeout", millis);
        properties.setProperty(prefix + "auth", Boolean.toString(settings.username().isPresent()));
        // The envelope sender, where bounces go: the configured sender, never something from the task.
        properties.setProperty(prefix + "from", settings.from().getAddress());
        if (settings.tls() == MailSettings.Tls.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (settings.tls() != MailSettings.Tls.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }
}
