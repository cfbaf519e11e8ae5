package dev.confext.mount.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * The plan for one hierarchy ({@code /usr}, {@code /opt}, {@code /etc}, ...).
 *
 * @param hierarchy the hierarchy as configured
 * @param resolved  where it resolves inside the root (it may not exist yet; then the executor creates it)
 * @param exists    whether it exists now
 * @param current   what of ours is mounted there now
 * @param decision  what happens to it
 * @param reason    why, in a sentence
 * @param overlay   the overlay that will be mounted ({@link Decision#MERGE}, {@link Decision#REFRESH})
 */
public record HierarchyPlan(String hierarchy, PlanPath resolved, boolean exists, Optional<CurrentMerge> current,
        Decision decision, String reason, Optional<Overlay> overlay) {
    public HierarchyPlan {
        Objects.requireNonNull(hierarchy, "hierarchy");
        Objects.requireNonNull(resolved, "resolved");
        current = current == null ? Optional.empty() : current;
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        overlay = overlay == null ? Optional.empty() : overlay;
        boolean mounts = decision == Decision.MERGE || decision == Decision.REFRESH;
        if (mounts != overlay.isPresent()) {
            throw new IllegalArgumentException(hierarchy + ": an overlay is planned exactly for merge and refresh");
        }
    }

    /** Whether ours is mounted there now. */
    public boolean merged() {
        return current.isPresent();
    }
}
