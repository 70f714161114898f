package procos.das.generation.governance;

import java.util.List;

/**
 * The outcome of deploying a version: the version itself, and what retention did to older ones.
 *
 * @param version         the version just deployed, now the latest
 * @param removedVersions older versions whose deployments were deleted (their history is kept)
 * @param retained        older versions beyond the number kept that could not be removed, with the reason
 */
public record Deployed(ProcessVersion version, List<Integer> removedVersions, List<RetainedVersion> retained) {

    public Deployed {
        removedVersions = List.copyOf(removedVersions);
        retained = List.copyOf(retained);
    }
}
