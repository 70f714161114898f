package procos.pde.node;

/**
 * The node's command line cannot be used as given. The message names the argument at fault and is
 * printed as is, so it is written for the operator, not for a log parser.
 */
public class NodeUsageException extends Exception {

    public NodeUsageException(String message) {
        super(message);
    }
}
