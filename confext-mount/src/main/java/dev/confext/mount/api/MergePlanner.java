package dev.confext.mount.api;

import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.planner.Planner;
import dev.confext.mount.state.MountTable;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolvedPath;
import dev.confext.mount.plan.CurrentMerge;
import dev.confext.mount.plan.Origin;
import dev.confext.mount.plan.OriginJson;
import dev.confext.mount.plan.PlanFormatException;
import dev.confext.mount.state.MergedHierarchy;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * Plans a merge, refresh or unmerge without changing anything: which images are merged, the overlay of
 * every hierarchy, whether a refresh can be skipped, and the steps to apply it. Immutable and reusable;
 * planning the same state twice gives equal plans.
 *
 * <pre>{@code
 * MergePlan plan = MergePlanner.of(PlanRequest.of(ExtensionKind.CONFEXT, root, Operation.REFRESH))
 *         .plan(ImageValidation.validate(kind, root, host, images, force, MergePlanner.currentOrigin(request)));
 * }</pre>
 */
public final class MergePlanner {
    private final PlanRequest request;

    private MergePlanner(PlanRequest request) {
        this.request = request;
    }

    /** A planner for {@code request}. */
    public static MergePlanner of(PlanRequest request) {
        return new MergePlanner(Objects.requireNonNull(request, "request"));
    }

    /** The request this planner plans. */
    public PlanRequest request() {
        return request;
    }

    /**
     * Plans against the calling process's current mounts ({@code /proc/self/mountinfo}).
     *
     * @param images every discovered image with its validation result, in discovery order
     * @throws MountException for a broken image, a hierarchy already merged (merge only), the mutable-directory
     *                        errors (wrong mode, read-only upper, workdir on another file system, import of the
     *                        hierarchy itself), an extension whose hierarchy is not a directory, or an
     *                        unparsable origin of the current merge
     */
    public MergePlan plan(List<ImageCandidate> images) throws MountException {
        return plan(images, MountTable.current());
    }

    /**
     * The origin document of the current merge: that of the first hierarchy (in request order) that is
     * merged by us and has a readable one.
     *
     * @throws MountException when the mount table or a hierarchy's metadata cannot be read
     */
    public static Optional<Origin> currentOrigin(PlanRequest request) throws MountException {
        return currentOrigin(request, MountTable.current());
    }

    static Optional<Origin> currentOrigin(PlanRequest request, MountTable mounts) throws MountException {
        for (String h : request.hierarchies()) {
            ResolvedPath resolved;
            try {
                resolved = request.root().resolve(h);
            } catch (ResolveException e) {
                continue;
            }
            Optional<CurrentMerge> current = MergedHierarchy.read(request.kind(), request.root(), resolved.hostPath(), mounts);
            if (current.isPresent() && current.get().origin().isPresent()) {
                try {
                    return Optional.of(OriginJson.parse(current.get().origin().get()));
                } catch (PlanFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** {@link #plan(List)} against a given mount table (tests, and the executor inside its own namespace). */
    MergePlan plan(List<ImageCandidate> images, MountTable mounts) throws MountException {
        return Planner.plan(request, List.copyOf(images), mounts);
    }
}
