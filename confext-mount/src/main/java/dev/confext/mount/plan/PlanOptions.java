package dev.confext.mount.plan;

import java.util.List;
import java.util.Optional;

/**
 * The options a plan was made with.
 *
 * @param hierarchies    the hierarchies, in merge order
 * @param force          {@code --force}: compatibility checks skipped
 * @param noexec         {@code --noexec=}; absent = the kind's default
 * @param alwaysRefresh  {@code --always-refresh=yes}: the refresh-skip is off
 * @param imagePolicy    {@code --image-policy=} / {@code ImagePolicy=} as given, absent = built-in policies
 * @param overlayOptions the overlay-options variable when set (it may be empty: then nothing is appended)
 */
public record PlanOptions(List<String> hierarchies, boolean force, Optional<Boolean> noexec, boolean alwaysRefresh,
        Optional<String> imagePolicy, Optional<String> overlayOptions) {
    public PlanOptions {
        hierarchies = List.copyOf(hierarchies);
        noexec = noexec == null ? Optional.empty() : noexec;
        imagePolicy = imagePolicy == null ? Optional.empty() : imagePolicy;
        overlayOptions = overlayOptions == null ? Optional.empty() : overlayOptions;
    }
}
