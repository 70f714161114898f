package procos.kernel.deploy;

import java.util.List;

/**
 * What one deployment round did, file by file.
 *
 * @param deployed  files that became a new version
 * @param unchanged files identical to what is already deployed (nothing new was stored)
 * @param failed    files that could not be deployed, each with the reason
 */
public record DeploymentReport(List<String> deployed, List<String> unchanged, List<Failure> failed) {

    public DeploymentReport {
        deployed = List.copyOf(deployed);
        unchanged = List.copyOf(unchanged);
        failed = List.copyOf(failed);
    }

    public static DeploymentReport empty() {
        return new DeploymentReport(List.of(), List.of(), List.of());
    }

    public boolean allDeployed() {
        return failed.isEmpty();
    }

    public int processCount() {
        return deployed.size() + unchanged.size();
    }

    /** A file that was refused, and why, in words an operator can act on. */
    public record Failure(String resource, String reason) {
        @Override
        public String toString() {
            return resource + ": " + reason;
        }
    }
}
