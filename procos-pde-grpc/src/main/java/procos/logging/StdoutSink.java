package procos.logging;

/**
 * Writes lines to standard output, the default: containers and Open Liberty both collect stdout
 * (Liberty into console.log), so nothing needs configuring. {@code System.out} is looked up per
 * line so that a host that redirects it later is still honoured.
 */
public final class StdoutSink implements LogSink {

    @Override
    public void write(String line) {
        System.out.println(line); // println is synchronized, so lines do not interleave
    }

    @Override
    public String toString() {
        return "stdout";
    }
}
