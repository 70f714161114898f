package procos.das.api.me;

import java.util.List;

/**
 * Who is signed in.
 *
 * @param user   the user id
 * @param roles  the ProcOS roles the user holds (viewer, operator, approver, admin)
 * @param groups every engine group the user belongs to
 */
public record Me(String user, List<String> roles, List<String> groups) {
}
