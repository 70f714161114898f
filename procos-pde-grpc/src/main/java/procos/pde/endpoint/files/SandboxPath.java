package procos.pde.endpoint.files;

import java.util.ArrayList;
import java.util.List;
import procos.pde.endpoint.EndpointException;

/**
 * A path from a task, taken apart into plain names before it gets near the file system. It is
 * read the same way on every platform: {@code /} and {@code \} both separate names, empty and
 * {@code .} names are dropped, and anything that could leave the root by its spelling alone is
 * refused with {@code PATH_OUTSIDE_SANDBOX}: absolute paths ({@code /x}, {@code \\server\x}, a
 * drive such as {@code C:}), any {@code ..} name (even one that would stay inside: there is never
 * a need for it, and refusing it leaves nothing to get wrong), and NUL characters. Nothing is
 * decoded, so {@code %2e%2e} is an ordinary name.
 *
 * @param input    the path exactly as given, for messages
 * @param segments the names, outermost first; empty for the root itself
 */
record SandboxPath(String input, List<String> segments) {

    SandboxPath {
        segments = List.copyOf(segments);
    }

    static SandboxPath parse(String input) throws EndpointException {
        if (input.indexOf('\0') >= 0) {
            throw FileErrors.outside(input);
        }
        String path = input.replace('\\', '/');
        if (path.startsWith("/") || (path.length() >= 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':')) {
            throw FileErrors.outside(input);
        }
        List<String> segments = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                throw FileErrors.outside(input);
            }
            segments.add(name);
        }
        return new SandboxPath(input, segments);
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last name; only for paths that are not the root. */
    String name() {
        return segments.get(segments.size() - 1);
    }

    /** The names of the directories leading to the last one. */
    List<String> parents() {
        return segments.subList(0, Math.max(0, segments.size() - 1));
    }

    /** The canonical spelling, {@code a/b/c}; empty for the root. */
    String normalized() {
        return String.join("/", segments);
    }
}
