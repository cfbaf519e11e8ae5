package dev.confext.mount.plan;

import dev.confext.core.api.ExtensionKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a merge, refresh or unmerge will do, decided before anything is mounted: the verdict on
 * every image, per hierarchy the overlay with its layers and provenance, the refresh-skip decision, the
 * messages to print and the ordered steps. Plain data with a stable JSON form ({@link PlanJson}); reading
 * or storing a plan needs nothing of the engine.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param kind          sysext or confext
 * @param operation     the verb
 * @param decision      the overall decision (skip when the refresh-skip holds, nothing when nothing is to be done)
 * @param reason        why, in a sentence
 * @param mutable       the mutable mode and its source
 * @param options       the options the plan was made with
 * @param images        every discovered image with its verdict, in discovery order
 * @param hierarchies   per hierarchy, in merge order
 * @param skipCheck     the refresh-skip decision
 * @param origin        the origin document the merge records (absent when nothing is merged)
 * @param messages      the info messages, in order ("Using extensions 'a', 'b'.", ...)
 * @param steps         the ordered steps
 */
public record MergePlan(int schemaVersion, ExtensionKind kind, Operation operation, Decision decision, String reason,
        MutableChoice mutable, PlanOptions options, List<ImageVerdict> images, List<HierarchyPlan> hierarchies,
        SkipCheck skipCheck, Optional<Origin> origin, List<String> messages, List<Step> steps) {

    /** The version of the JSON form this library writes; readers refuse other major versions. */
    public static final int SCHEMA_VERSION = 1;

    public MergePlan {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported plan schema version " + schemaVersion);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(mutable, "mutable");
        Objects.requireNonNull(options, "options");
        images = List.copyOf(images);
        hierarchies = List.copyOf(hierarchies);
        Objects.requireNonNull(skipCheck, "skipCheck");
        origin = origin == null ? Optional.empty() : origin;
        messages = List.copyOf(messages);
        steps = List.copyOf(steps);
    }

    /** The images with the given status, in discovery order. */
    public List<ImageVerdict> images(ImageVerdict.Status status) {
        return images.stream().filter(i -> i.status() == status).toList();
    }

    /** The plan for hierarchy {@code h}, if it is one of the plan's hierarchies. */
    public Optional<HierarchyPlan> hierarchy(String h) {
        return hierarchies.stream().filter(p -> p.hierarchy().equals(h)).findFirst();
    }

    /** Whether applying the plan changes nothing. */
    public boolean isNoOp() {
        return decision == Decision.SKIP || decision == Decision.NOTHING;
    }
}
