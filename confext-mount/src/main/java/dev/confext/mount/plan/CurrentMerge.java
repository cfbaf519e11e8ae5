package dev.confext.mount.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What of ours is mounted over a hierarchy now, read from its metadata directory.
 *
 * @param extensions the names in the list file
 * @param origin     the origin document's text, absent when there is none (merges by v259 or older) or it
 *                   could not be read
 * @param workDir    the workdir recorded in {@code work_dir} (unescaped, inside the root)
 * @param stacked    how many of our overlays are stacked there (more than one only after a failed unmerge)
 */
public record CurrentMerge(List<String> extensions, Optional<String> origin, Optional<PlanPath> workDir,
        int stacked) {
    public CurrentMerge {
        extensions = List.copyOf(extensions);
        origin = origin == null ? Optional.empty() : origin;
        workDir = workDir == null ? Optional.empty() : workDir;
        if (stacked < 1) {
            throw new IllegalArgumentException("a current merge has at least one overlay");
        }
        Objects.requireNonNull(extensions);
    }
}
