package dev.confext.mount.planner;

import dev.confext.core.api.ExtensionKind;
import dev.confext.mount.api.ImageCandidate;
import dev.confext.mount.plan.Decision;
import dev.confext.mount.plan.HierarchyPlan;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.Overlay;
import dev.confext.mount.plan.PlanPath;
import dev.confext.mount.plan.Step;
import dev.confext.mount.plan.Upper;
import java.util.ArrayList;
import java.util.List;

/** The ordered, idempotent steps that apply a plan; each says what it checks and when it skips. */
final class Steps {
    private Steps() {}

    static List<Step> forMerge(ExtensionKind kind, List<ImageCandidate> active, List<HierarchyPlan> plans) {
        List<Step> steps = new ArrayList<>();
        PlanPath staging = PlanPath.inStaging("/");
        steps.add(new Step(Step.Kind.PREPARE_STAGING, "", staging,
                "whether a private tmpfs is mounted at " + PlanPath.STAGING_DIRECTORY + " in this mount namespace",
                "it is already mounted by this run"));
        for (ImageCandidate c : active) {
            String name = c.image().name();
            PlanPath target = PlanPath.inStaging("/" + kind.stagingDirectory() + "/" + name);
            steps.add(new Step(Step.Kind.MOUNT_IMAGE, name, target,
                    "whether " + target + " is already a mount point",
                    "the image is already mounted there read-only"));
            if (c.status() == ImageVerdict.Status.PENDING) {
                steps.add(new Step(Step.Kind.VALIDATE_IMAGE, name, target,
                        "the extension-release of the mounted image against the host",
                        "never: a rejected image is left out and the plan is made again"));
            }
        }
        for (HierarchyPlan h : plans) {
            if (h.overlay().isEmpty()) {
                continue;
            }
            Overlay o = h.overlay().get();
            String hier = h.hierarchy();
            if (o.upper().isPresent()) {
                Upper u = o.upper().get();
                if (u.create()) {
                    steps.add(new Step(Step.Kind.CREATE_MUTABLE_DIR, hier, u.path(),
                            "whether " + u.path() + " exists as a directory with mode " + String.format("%04o", u.mode()),
                            "it exists with that mode"));
                }
                steps.add(new Step(Step.Kind.CREATE_WORKDIR, hier, u.workdir(),
                        "whether " + u.workdir() + " exists (mode 0700) and is not in use by a mounted overlay",
                        "it exists and is unused"));
            }
            PlanPath overlayPath = PlanPath.inStaging("/overlay" + hier);
            steps.add(new Step(Step.Kind.MOUNT_OVERLAY, hier, overlayPath,
                    "whether an overlay is already mounted at " + overlayPath,
                    "this run already mounted it"));
            steps.add(new Step(Step.Kind.WRITE_METADATA, hier, overlayPath.resolve(kind.metadataDirectory()),
                    "whether the metadata files have the planned content",
                    "they already do (dev is always rewritten)"));
            steps.add(new Step(Step.Kind.MAKE_READ_ONLY, hier,
                    o.upper().isPresent() ? overlayPath.resolve(kind.metadataDirectory()) : overlayPath,
                    "whether the mount is already read-only",
                    "it already is"));
            if (h.current().isPresent()) {
                steps.add(new Step(Step.Kind.MOVE_SUBMOUNTS, hier, h.resolved(),
                        "which mounts exist below " + h.resolved(), "there are none"));
            }
            steps.add(new Step(Step.Kind.REPLACE_HIERARCHY, hier, h.resolved(),
                    "whether the new overlay is already the top mount at " + h.resolved(),
                    "it already is"));
            if (h.current().isPresent()) {
                addUnmount(steps, h);
            }
        }
        for (HierarchyPlan h : plans) {
            if (h.decision() == Decision.UNMERGE) {
                steps.add(new Step(Step.Kind.MOVE_SUBMOUNTS, h.hierarchy(), h.resolved(),
                        "which mounts exist below " + h.resolved(), "there are none"));
                addUnmount(steps, h);
            }
        }
        return List.copyOf(steps);
    }

    static List<Step> forUnmerge(ExtensionKind kind, List<HierarchyPlan> plans) {
        List<Step> steps = new ArrayList<>();
        for (HierarchyPlan h : plans) {
            if (h.decision() != Decision.UNMERGE) {
                continue;
            }
            steps.add(new Step(Step.Kind.MOVE_SUBMOUNTS, h.hierarchy(), h.resolved(),
                    "which mounts exist below " + h.resolved(), "there are none"));
            addUnmount(steps, h);
        }
        return List.copyOf(steps);
    }

    private static void addUnmount(List<Step> steps, HierarchyPlan h) {
        steps.add(new Step(Step.Kind.UNMOUNT_OLD, h.hierarchy(), h.resolved(),
                "whether the old overlay at " + h.resolved() + " is still ours (mount point, dev file, st_dev)",
                "it is no longer mounted"));
        h.current().flatMap(c -> c.workDir()).ifPresent(w -> steps.add(new Step(Step.Kind.REMOVE_WORKDIR,
                h.hierarchy(), w, "whether " + w + " exists and no mounted overlay uses it",
                "it does not exist, or the new overlay uses it")));
    }
}
