package dev.confext.mount.api;

import dev.confext.mount.plan.Step;
import java.nio.file.Path;
import java.util.List;

/** What the executor reports while it applies a plan. Callers turn these into messages or progress. */
public sealed interface ExecutionEvent {

    /** A step is about to act. */
    record StepStarted(Step.Kind kind, String subject, String detail) implements ExecutionEvent {}

    /** A step found nothing to do, and why (e.g. "already mounted", "no old overlay"). */
    record StepSkipped(Step.Kind kind, String subject, String reason) implements ExecutionEvent {}

    /** A mounted image was rejected (no usable release data or incompatible) and is left out. */
    record ImageIgnored(String name, String reason) implements ExecutionEvent {}

    /** An image could not be mounted and {@code skipBroken} left it out instead of failing. */
    record ImageBroken(String name, String reason) implements ExecutionEvent {}

    /**
     * The extensions that will be merged, once every image is validated.
     *
     * @param fileNames the resolved file names, version-sorted ("Using extensions '...'.")
     * @param names     the image names, version-sorted
     */
    record ExtensionsSelected(List<String> fileNames, List<String> names) implements ExecutionEvent {
        public ExtensionsSelected {
            fileNames = List.copyOf(fileNames);
            names = List.copyOf(names);
        }
    }

    /** Our old overlay was removed from a hierarchy (by unmerge, or replaced by a refresh). */
    record HierarchyUnmerged(String hierarchy, Path target) implements ExecutionEvent {}

    /**
     * A new overlay is in place.
     *
     * @param replaced whether an old merge was replaced
     * @param atomic   whether the replacement left no moment without extensions (MOVE_MOUNT_BENEATH)
     */
    record HierarchyMerged(String hierarchy, Path target, boolean replaced, boolean atomic)
            implements ExecutionEvent {}

    /** Something a person should know that is not an error (e.g. the non-atomic fallback). */
    record Notice(String text) implements ExecutionEvent {}
}
