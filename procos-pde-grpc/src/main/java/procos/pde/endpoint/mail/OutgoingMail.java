package procos.pde.endpoint.mail;

import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * One message to send, as read from a {@code mail.send} task's inputs ({@code to}, {@code cc},
 * {@code bcc}, {@code subject}, {@code text}, {@code html}, {@code attachments}) and checked
 * completely, against the endpoint's limits too, before a connection is opened: bad inputs fail as
 * {@code INVALID_INPUT} and never as a half-sent message.
 */
record OutgoingMail(List<InternetAddress> to, List<InternetAddress> cc, List<InternetAddress> bcc, String subject,
                    Optional<String> text, Optional<String> html, List<Attachment> attachments) {

    OutgoingMail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        attachments = List.copyOf(attachments);
    }

    static OutgoingMail read(InvokeInputs inputs, MailSettings settings) throws EndpointException {
        List<InternetAddress> to = Addresses.read(inputs, "to", settings.allowedRecipients());
        List<InternetAddress> cc = Addresses.read(inputs, "cc", settings.allowedRecipients());
        List<InternetAddress> bcc = Addresses.read(inputs, "bcc", settings.allowedRecipients());
        int recipients = to.size() + cc.size() + bcc.size();
        if (recipients == 0) {
            throw InvokeInputs.invalid("input 'to' (or 'cc' or 'bcc') is required");
        }
        if (recipients > settings.maxRecipients()) {
            throw new EndpointException(MailErrors.TOO_MANY_RECIPIENTS, recipients + " recipients is more than max_recipients ("
                    + settings.maxRecipients() + ")", false);
        }
        String subject = inputs.requiredString("subject");
        HeaderText.requireSingleLine("subject", subject);
        Optional<String> text = inputs.string("text");
        Optional<String> html = inputs.string("html");
        if (text.isEmpty() && html.isEmpty()) {
            throw InvokeInputs.invalid("input 'text' (or 'html') is required");
        }
        long bodyBytes = utf8Length(text) + utf8Length(html);
        if (bodyBytes > settings.maxBodyBytes()) {
            throw new EndpointException(MailErrors.BODY_TOO_LARGE, "the body is " + bodyBytes
                    + " bytes, more than max_body_bytes (" + settings.maxBodyBytes() + ")", false);
        }
        return new OutgoingMail(to, cc, bcc, subject, text, html, Attachment.read(inputs, settings.maxAttachmentBytes()));
    }

    /** Every recipient, in the order to, cc, bcc. */
    List<InternetAddress> recipients() {
        List<InternetAddress> all = new ArrayList<>(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }

    private static long utf8Length(Optional<String> text) {
        return text.map(value -> (long) value.getBytes(StandardCharsets.UTF_8).length).orElse(0L);
    }
}
