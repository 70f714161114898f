package procos.pde.endpoint.mail;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.Durations;
import io.grpc.Deadline;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import procos.logging.LogEvent;
import procos.logging.LogLevel;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.ConfiguredEndpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.HealthReports;
import procos.pde.endpoint.InvocationLog;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.TimeBudget;
import procos.pde.pool.EndpointConfig;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.EndpointLimits;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Sends email over SMTP for processes ({@code kind: mail}): {@code mail.send} with inputs
 * {@code to}, {@code cc}, {@code bcc} (an address, comma-separated addresses or a list),
 * {@code subject}, {@code text} and/or {@code html}, and {@code attachments}
 * ({@code [{filename, content (base64), content_type}]}); outputs {@code message_id} and
 * {@code accepted} (the recipients' addresses).
 *
 * <p>Because addresses and text come from process data, the endpoint is deliberately narrow: the
 * sender is fixed by configuration, recipients must be in {@code allowed_recipient_domains}, line
 * breaks in header text are refused (header injection), and body, attachments and recipient count
 * are capped. Every send ends by the earlier of the configured timeout and the task's deadline.
 *
 * <p>Errors, thrown as {@link EndpointException}: {@code INVALID_INPUT},
 * {@code RECIPIENT_NOT_ALLOWED}, {@code TOO_MANY_RECIPIENTS}, {@code BODY_TOO_LARGE},
 * {@code ATTACHMENT_TOO_LARGE}, {@code AUTHENTICATION_FAILED}, {@code REJECTED}, {@code TLS_ERROR}
 * (not retryable) and {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED} (retryable). One
 * {@code mail_send} event is logged per call with counts and the Message-ID, never addresses,
 * subject, body or credentials.
 */
public final class MailEndpoint extends ConfiguredEndpoint<MailSettings> {

    public static final String SEND = "mail.send";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("endpoint.mail");

    private final SmtpSender sender;

    public MailEndpoint(String id, MailSettings settings) {
        super(id, settings);
        this.sender = new SmtpSender(settings);
    }

    /**
     * The endpoint a {@code mail} entry of the PDE manager configuration declares.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static MailEndpoint fromConfig(EndpointConfig config) {
        return new MailEndpoint(config.id(), MailSettings.from(config));
    }

    /**
     * Always healthy: the only honest check would be a login, which costs the server a session per
     * probe; an unreachable server shows as retryable {@code UNAVAILABLE} on the first send instead.
     */
    @Override
    public EndpointHealth health() {
        return HealthReports.healthy();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        long started = System.nanoTime();
        OutgoingMail mail = null;
        try {
            if (!request.getTaskType().equals(SEND)) {
                throw new EndpointException(MailErrors.UNSUPPORTED_TASK_TYPE, "endpoint " + id() + " runs " + SEND
                        + ", not '" + request.getTaskType() + "'", false);
            }
            mail = OutgoingMail.read(InvokeInputs.of(request.getInputs()), settings());
            Duration budget = TimeBudget.effective(settings().timeout(), OptionalLong.empty(), deadline);
            Optional<String> idempotencyKey = request.getIdempotencyKey().isEmpty()
                    ? Optional.empty() : Optional.of(request.getIdempotencyKey());
            String messageId = sender.send(mail, idempotencyKey, budget);
            log(LogLevel.INFO, request, mail, "ok", started).with("message_id", messageId).log();
            return InvokeResponse.newBuilder().setOutputs(outputs(messageId, mail)).build();
        } catch (EndpointException e) {
            log(LogLevel.WARN, request, mail, e.code(), started).with("retryable", e.retryable()).log();
            throw e;
        }
    }

    private static Struct outputs(String messageId, OutgoingMail mail) {
        ListValue.Builder accepted = ListValue.newBuilder();
        for (InternetAddress recipient : mail.recipients()) {
            accepted.addValues(Value.newBuilder().setStringValue(recipient.getAddress()));
        }
        return Struct.newBuilder()
                .putFields("message_id", Value.newBuilder().setStringValue(messageId).build())
                .putFields("accepted", Value.newBuilder().setListValue(accepted).build())
                .build();
    }

    private LogEvent log(LogLevel level, InvokeRequest request, OutgoingMail mail, String outcome, long started) {
        LogEvent event = InvocationLog.event(LOG, level, "mail_send", id(), request).with("host", settings().host());
        if (mail != null) {
            event.with("recipients", mail.recipients().size()).with("attachments", mail.attachments().size());
        }
        return event.with("outcome", outcome).durationSince(started);
    }

    @Override
    protected EndpointDescription description() {
        com.google.protobuf.Duration timeout = Durations.fromNanos(settings().timeout().toNanos());
        return EndpointDescription.newBuilder()
                .setEndpointId(id())
                .setKind(EndpointKind.CONNECTOR)
                .setVersion("1")
                .setDescription("Sends mail as " + settings().from().getAddress() + " through " + settings().host() + ":"
                        + settings().port() + " (" + settings().tls().yamlName() + ") to " + settings().allowedRecipients())
                .addCapabilities(Capability.newBuilder().setTaskType(SEND))
                .setLimits(EndpointLimits.newBuilder().setDefaultTimeout(timeout).setMaxTimeout(timeout))
                .build();
    }
}
