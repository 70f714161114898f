package procos.pde.endpoint.mail;

import com.google.protobuf.Value;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.http.HostAllowlist;

/**
 * Reads the recipient inputs ({@code to}, {@code cc}, {@code bcc}): one address, a comma-separated
 * string of them, or a list. Each must be a single valid address (a display name is allowed:
 * {@code Ada <ada@example.com>}), free of line breaks, which would let process data write headers
 * of its own, and in an allowed domain. A refused address is named in the error.
 */
final class Addresses {

    private Addresses() {
    }

    static List<InternetAddress> read(InvokeInputs inputs, String name, HostAllowlist allowedDomains) throws EndpointException {
        Optional<Value> value = inputs.value(name);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        if (value.get().hasStringValue()) {
            entries.add(value.get().getStringValue());
        } else if (value.get().hasListValue()) {
            for (Value item : value.get().getListValue().getValuesList()) {
                if (!item.hasStringValue()) {
                    throw InvokeInputs.invalid("input '" + name + "' must be an address or a list of addresses");
                }
                entries.add(item.getStringValue());
            }
        } else {
            throw InvokeInputs.invalid("input '" + name + "' must be an address or a list of addresses");
        }
        List<InternetAddress> addresses = new ArrayList<>();
        for (String entry : entries) {
            HeaderText.requireSingleLine(name, entry);
            for (InternetAddress address : parse(name, entry)) {
                addresses.add(allowed(name, address, allowedDomains));
            }
        }
        return addresses;
    }

    private static InternetAddress[] parse(String name, String entry) throws EndpointException {
        try {
            InternetAddress[] parsed = InternetAddress.parse(entry, true);
            for (InternetAddress address : parsed) {
                if (address.isGroup()) {
                    throw InvokeInputs.invalid("input '" + name + "': group address " + HeaderText.show(address.toString())
                            + " is not supported; list the members");
                }
                address.validate();
            }
            return parsed;
        } catch (AddressException e) {
            throw InvokeInputs.invalid("input '" + name + "' has an invalid address " + HeaderText.show(entry) + ": "
                    + e.getMessage());
        }
    }

    private static InternetAddress allowed(String name, InternetAddress address, HostAllowlist allowedDomains)
            throws EndpointException {
        String mailbox = address.getAddress();
        String domain = mailbox.substring(mailbox.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!allowedDomains.allows(domain)) {
            throw new EndpointException(MailErrors.RECIPIENT_NOT_ALLOWED, "input '" + name + "': "
                    + HeaderText.show(mailbox) + " is not in allowed_recipient_domains", false);
        }
        return address;
    }
}
