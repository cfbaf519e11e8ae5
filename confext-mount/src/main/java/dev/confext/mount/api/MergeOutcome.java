package dev.confext.mount.api;

import java.util.List;

/**
 * What applying a merge or refresh plan did.
 *
 * @param status    merged, nothing to merge, or skipped (refresh found no change)
 * @param merged    the hierarchies that got a new overlay, in order
 * @param unmerged  the hierarchies whose old overlay was removed without a replacement
 * @param accepted  the merged image names, version-sorted
 * @param ignored   how many images were rejected (incompatible or without release data)
 */
public record MergeOutcome(Status status, List<String> merged, List<String> unmerged, List<String> accepted,
        int ignored) {

    /** The overall result. */
    public enum Status {
        MERGED,
        /** No image was accepted and the mode is {@code no}: nothing mounted. */
        NOTHING_FOUND,
        /** A refresh found the merged state up to date. */
        SKIPPED
    }

    public MergeOutcome {
        merged = List.copyOf(merged);
        unmerged = List.copyOf(unmerged);
        accepted = List.copyOf(accepted);
    }
}
