package procos.pde.endpoint.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static procos.pde.endpoint.Invocations.relaxed;
import static procos.pde.endpoint.Invocations.request;

import com.google.protobuf.Value;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.grpc.Deadline;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.ClosedPort;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.SilentServer;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.v1.InvokeResponse;

/** Sends through a real SMTP server (GreenMail) and reads what arrived. */
class MailEndpointTest {

    private static final String PASSWORD = "s3cret-smtp-pass";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("robot@procos.test", "robot", PASSWORD));

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    @Test
    void sendsTextHtmlAndAnAttachmentThatArriveIntactWithBccKeptOutOfTheHeaders() throws Exception {
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4 invoice".getBytes(StandardCharsets.UTF_8));

        InvokeResponse response = endpoint(Map.of()).invoke(request(MailEndpoint.SEND, """
                {"to":"Ada Lovelace <ada@example.com>", "cc":["bob@example.com"], "bcc":"audit@corp.example.org",
                 "subject":"Grüße: invoice 42", "text":"Plain words.", "html":"<p>Rich <b>words</b>.</p>",
                 "attachments":[{"filename":"invoice-42.pdf","content":"%s","content_type":"application/pdf"}]}"""
                .formatted(pdf)), relaxed());

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(3);
        MimeMessage message = received[0];
        assertThat(message.getFrom()[0].toString()).isEqualTo("ProcOS <robot@procos.test>");
        assertThat(message.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("Ada Lovelace <ada@example.com>");
        assertThat(message.getRecipients(Message.RecipientType.CC)[0].toString()).isEqualTo("bob@example.com");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getSubject()).isEqualTo("Grüße: invoice 42");
        assertThat(message.getMessageID()).isEqualTo(response.getOutputs().getFieldsOrThrow("message_id").getStringValue());

        Multipart mixed = (Multipart) message.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).getContent().toString()).isEqualTo("Plain words.");
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(alternative.getBodyPart(1).getContent().toString()).isEqualTo("<p>Rich <b>words</b>.</p>");
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("invoice-42.pdf");
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.isMimeType("application/pdf")).isTrue();
        assertThat(attachment.getInputStream().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("%PDF-1.4 invoice");

        assertThat(response.getOutputs().getFieldsOrThrow("accepted").getListValue().getValuesList())
                .extracting(Value::getStringValue).containsExactly("ada@example.com", "bob@example.com", "audit@corp.example.org");
        assertThat(log.events("mail_send").get(0).path("recipients").asInt()).isEqualTo(3);
        assertThat(String.join("\n", log.lines())).doesNotContain("ada@example.com").doesNotContain("Grüße");
    }

    @Test
    void aWrongPasswordIsAPermanentErrorAndThePasswordIsNeverShown() {
        MailEndpoint endpoint = endpoint(Map.of(MailSettings.PASSWORD, "wrong-" + PASSWORD));

        EndpointException error = sendFailing(endpoint, simpleMail("ada@example.com"));

        assertThat(error.code()).isEqualTo(MailErrors.AUTHENTICATION_FAILED);
        assertThat(error.retryable()).isFalse();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(error.getMessage()).doesNotContain(PASSWORD);
        assertThat(endpoint.settings().toString()).doesNotContain(PASSWORD).contains("password=***");
        assertThat(endpoint.describe().toString()).doesNotContain(PASSWORD);
        assertThat(String.join("\n", log.lines())).doesNotContain(PASSWORD);
    }

    @Test
    void aRecipientOutsideTheAllowedDomainsIsRefusedAndNothingIsSent() {
        EndpointException error = sendFailing(endpoint(Map.of()), """
                {"to":["ada@example.com","eve@evil.example.net"],"subject":"s","text":"t"}""");

        assertThat(error.code()).isEqualTo(MailErrors.RECIPIENT_NOT_ALLOWED);
        assertThat(error.getMessage()).isEqualTo("input 'to': 'eve@evil.example.net' is not in allowed_recipient_domains");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void lineBreaksInHeaderTextAreRefusedAsHeaderInjection() {
        MailEndpoint endpoint = endpoint(Map.of());

        EndpointException subject = sendFailing(endpoint, """
                {"to":"ada@example.com","subject":"Hello\\r\\nBcc: eve@evil.example.net","text":"t"}""");
        EndpointException address = sendFailing(endpoint, """
                {"to":"ada@example.com\\nBcc: eve@evil.example.net","subject":"s","text":"t"}""");
        EndpointException filename = sendFailing(endpoint, """
                {"to":"ada@example.com","subject":"s","text":"t",
                 "attachments":[{"filename":"a.txt\\r\\nX-Evil: 1","content":"YQ=="}]}""");

        assertThat(subject.code()).isEqualTo(InvokeInputs.INVALID_INPUT);
        assertThat(subject.getMessage()).isEqualTo("input 'subject' must not contain line breaks or NUL (header injection)");
        assertThat(address.getMessage()).startsWith("input 'to' must not contain line breaks");
        assertThat(filename.getMessage()).startsWith("input 'attachments[0].filename' must not contain line breaks");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void badInputsAreNamed() {
        MailEndpoint endpoint = endpoint(Map.of());

        assertThat(sendFailing(endpoint, simpleMail("not an address")).getMessage())
                .startsWith("input 'to' has an invalid address 'not an address'");
        assertThat(sendFailing(endpoint, "{\"subject\":\"s\",\"text\":\"t\"}").getMessage())
                .isEqualTo("input 'to' (or 'cc' or 'bcc') is required");
        assertThat(sendFailing(endpoint, "{\"to\":\"ada@example.com\",\"subject\":\"s\"}").getMessage())
                .isEqualTo("input 'text' (or 'html') is required");
        assertThat(sendFailing(endpoint, """
                {"to":"ada@example.com","subject":"s","text":"t","attachments":[{"filename":"a","content":"%%%"}]}""")
                .getMessage()).startsWith("input 'attachments[0].content' is not valid base64");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void oversizedBodiesAttachmentsAndRecipientListsAreRefused() {
        MailEndpoint endpoint = endpoint(Map.of(MailSettings.MAX_BODY_BYTES, "10", MailSettings.MAX_ATTACHMENT_BYTES, "4",
                MailSettings.MAX_RECIPIENTS, "2"));

        EndpointException body = sendFailing(endpoint, """
                {"to":"ada@example.com","subject":"s","text":"eleven char"}""");
        EndpointException attachment = sendFailing(endpoint, """
                {"to":"ada@example.com","subject":"s","text":"t",
                 "attachments":[{"filename":"a","content":"YWJj"},{"filename":"b","content":"YWJj"}]}""");
        EndpointException recipients = sendFailing(endpoint, """
                {"to":["a@example.com","b@example.com"],"cc":"c@example.com","subject":"s","text":"t"}""");

        assertThat(body.code()).isEqualTo(MailErrors.BODY_TOO_LARGE);
        assertThat(body.getMessage()).isEqualTo("the body is 11 bytes, more than max_body_bytes (10)");
        assertThat(attachment.code()).isEqualTo(MailErrors.ATTACHMENT_TOO_LARGE);
        assertThat(recipients.code()).isEqualTo(MailErrors.TOO_MANY_RECIPIENTS);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anIdempotencyKeyGivesTheSameMessageIdEveryTime() throws Exception {
        MailEndpoint endpoint = endpoint(Map.of());
        var keyed = request(MailEndpoint.SEND, simpleMail("ada@example.com")).toBuilder().setIdempotencyKey("order-42").build();

        String first = endpoint.invoke(keyed, relaxed()).getOutputs().getFieldsOrThrow("message_id").getStringValue();
        String second = endpoint.invoke(keyed, relaxed()).getOutputs().getFieldsOrThrow("message_id").getStringValue();
        String unkeyed = endpoint.invoke(request(MailEndpoint.SEND, simpleMail("ada@example.com")), relaxed())
                .getOutputs().getFieldsOrThrow("message_id").getStringValue();

        assertThat(first).isEqualTo(second).endsWith(".procos@procos.test>").doesNotContain("order-42");
        assertThat(unkeyed).isNotEqualTo(first);
        assertThat(SMTP.getReceivedMessages()[0].getMessageID()).isEqualTo(first);
    }

    @Test
    void aServerWithoutStartTlsIsRefusedWhenTlsIsRequired() {
        Map<String, String> settings = new HashMap<>(settings());
        settings.remove(MailSettings.TLS);

        EndpointException error = sendFailing(MailEndpoint.fromConfig(config(settings)), simpleMail("ada@example.com"));

        assertThat(error.code()).isEqualTo(MailErrors.TLS_ERROR);
        assertThat(error.retryable()).isFalse();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerIsRetryable() {
        EndpointException error = sendFailing(endpoint(Map.of(MailSettings.PORT, Integer.toString(ClosedPort.find()))),
                simpleMail("ada@example.com"));

        assertThat(error.code()).isEqualTo(MailErrors.UNAVAILABLE);
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void aServerThatNeverGreetsIsAbandonedAtTheTaskDeadline() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            MailEndpoint endpoint = endpoint(Map.of(MailSettings.PORT, Integer.toString(silent.port())));

            EndpointException error = catchThrowableOfType(EndpointException.class, () -> endpoint.invoke(
                    request(MailEndpoint.SEND, simpleMail("ada@example.com")), Deadline.after(500, TimeUnit.MILLISECONDS)));

            assertThat(error.code()).isEqualTo(MailErrors.DEADLINE_EXCEEDED);
            assertThat(error.retryable()).isTrue();
            assertThat(silent.connections()).isEqualTo(1);
        }
    }

    private static MailEndpoint endpoint(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(settings());
        settings.putAll(overrides);
        return MailEndpoint.fromConfig(config(settings));
    }

    private static Map<String, String> settings() {
        return Map.of(
                MailSettings.HOST, "127.0.0.1",
                MailSettings.PORT, Integer.toString(SMTP.getSmtp().getPort()),
                MailSettings.FROM, "ProcOS <robot@procos.test>",
                MailSettings.USERNAME, "robot",
                MailSettings.PASSWORD, PASSWORD,
                MailSettings.TLS, "none",
                MailSettings.ALLOWED_RECIPIENT_DOMAINS, "example.com, *.example.org");
    }

    private static EndpointConfig config(Map<String, String> settings) {
        return new EndpointConfig("mail-out", EndpointKind.MAIL, Optional.empty(), Optional.empty(), Optional.empty(), settings);
    }

    private static String simpleMail(String to) {
        return "{\"to\":\"" + to + "\",\"subject\":\"Hello\",\"text\":\"Body\"}";
    }

    private static EndpointException sendFailing(MailEndpoint endpoint, String inputs) {
        EndpointException error = catchThrowableOfType(EndpointException.class,
                () -> endpoint.invoke(request(MailEndpoint.SEND, inputs), relaxed()));
        assertThat(error).as("an EndpointException").isNotNull();
        return error;
    }
}
