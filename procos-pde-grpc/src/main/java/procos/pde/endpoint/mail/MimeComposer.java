package procos.pde.endpoint.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Builds the MIME message for an {@link OutgoingMail}: plain text, HTML, or both as alternatives,
 * with attachments around them. Bcc recipients get the message but never appear in its headers.
 *
 * <p>When the task carries an idempotency key the Message-ID is derived from it, so a message sent
 * again after a lost answer has the same id and a mail archive or the receiving client can
 * recognise the duplicate.
 */
final class MimeComposer {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private MimeComposer() {
    }

    static MimeMessage compose(Session session, InternetAddress from, OutgoingMail mail, Optional<String> idempotencyKey)
            throws MessagingException {
        MimeMessage message = new KeyedMessage(session, idempotencyKey.map(key -> messageId(key, from)));
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, mail.to().toArray(InternetAddress[]::new));
        if (!mail.cc().isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, mail.cc().toArray(InternetAddress[]::new));
        }
        message.setSubject(mail.subject(), UTF_8);
        if (mail.attachments().isEmpty()) {
            setBody(message, mail);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            setBody(body, mail);
            mixed.addBodyPart(body);
            for (Attachment attachment : mail.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
                part.setFileName(attachment.filename());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    private static void setBody(jakarta.mail.internet.MimePart part, OutgoingMail mail) throws MessagingException {
        if (mail.text().isPresent() && mail.html().isPresent()) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text().get(), UTF_8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html().get(), UTF_8, "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            part.setContent(alternative);
        } else if (mail.html().isPresent()) {
            part.setText(mail.html().get(), UTF_8, "html");
        } else {
            part.setText(mail.text().orElseThrow(), UTF_8, "plain");
        }
    }

    /** The key hashed, so that whatever the key is made of never shows in a header and fits its syntax. */
    private static String messageId(String key, InternetAddress from) {
        String mailbox = from.getAddress();
        String domain = mailbox.substring(mailbox.lastIndexOf('@') + 1);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + ".procos@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** A message whose Message-ID is fixed by the caller, when it has one. */
    private static final class KeyedMessage extends MimeMessage {

        private final Optional<String> messageId;

        KeyedMessage(Session session, Optional<String> messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId.isPresent()) {
                setHeader("Message-ID", messageId.get());
            } else {
                super.updateMessageID();
            }
        }
    }
}
