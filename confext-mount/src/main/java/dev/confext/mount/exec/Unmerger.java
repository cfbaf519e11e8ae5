package dev.confext.mount.exec;

import dev.confext.core.api.Errno;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.mount.api.ExecutionEvent;
import dev.confext.mount.api.ExecutionListener;
import dev.confext.mount.api.MountException;
import dev.confext.mount.api.StepHook;
import dev.confext.mount.kernel.Fd;
import dev.confext.mount.kernel.Kernel;
import dev.confext.mount.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes our overlays from hierarchies in the caller's namespace (spec §7.5): while the hierarchy is
 * ours, note its workdir, copy the mounts below it, detach it, put the copies back on the uncovered
 * directory (unless the original mount is visible there again), and remove the workdir. Reusable.
 */
public final class Unmerger {
    private static final int MAX_STACKED = 16;

    private final ExtensionKind kind;
    private final Root root;
    private final ExecutionListener listener;
    private final StepHook hook;

    public Unmerger(ExtensionKind kind, Root root, ExecutionListener listener, StepHook hook) {
        this.kind = kind;
        this.root = root;
        this.listener = listener;
        this.hook = hook;
    }

    /**
     * Unmerges one configured hierarchy.
     *
     * @return whether something of ours was there and is gone now
     * @throws MountException when the hierarchy cannot be resolved or unmounted
     */
    public boolean unmerge(String hierarchy) throws MountException {
        ResolvedPath resolved;
        try {
            resolved = root.resolve(hierarchy, ResolveOption.NONEXISTENT);
        } catch (ResolveException e) {
            if (e.errno() == Errno.ENOENT) {
                // A missing root (or a missing directory above the hierarchy) leaves nothing to unmerge.
                listener.on(new ExecutionEvent.StepSkipped(Step.Kind.UNMOUNT_OLD, hierarchy,
                        hierarchy + " does not exist"));
                return false;
            }
            throw new MountException("Failed to resolve path to hierarchy '" + root.hostPath(hierarchy) + "': "
                    + e.errno().text(), e);
        }
        if (!resolved.exists()) {
            listener.on(new ExecutionEvent.StepSkipped(Step.Kind.UNMOUNT_OLD, hierarchy,
                    hierarchy + " does not exist"));
            return false;
        }
        return unmergeAt(hierarchy, resolved.hostPath());
    }

    /** Whether our overlay is mounted at the configured {@code hierarchy} now. */
    public boolean isMerged(String hierarchy) throws MountException {
        try {
            ResolvedPath resolved = root.resolve(hierarchy, ResolveOption.NONEXISTENT);
            return resolved.exists() && Hierarchy.isOurs(kind, resolved.hostPath());
        } catch (ResolveException e) {
            return false;
        }
    }

    /** Unmerges whatever of ours is stacked at {@code target}; returns whether there was something. */
    boolean unmergeAt(String hierarchy, Path target) throws MountException {
        boolean any = false;
        int round = 0;
        while (round++ < MAX_STACKED && Hierarchy.isOurs(kind, target)) {
            any = true;
            Optional<Path> workDir = Hierarchy.recordedWorkDir(kind, target, root);
            listener.on(new ExecutionEvent.StepStarted(Step.Kind.UNMOUNT_OLD, hierarchy, target.toString()));
            Kernel.tryDetach(target.resolve(kind.metadataDirectory()).toString());
            Map<Path, Fd> copies = copySubmounts(target);
            try {
                Kernel.detach(target.toString());
                hook.afterStep(Step.Kind.UNMOUNT_OLD, hierarchy);
                restore(hierarchy, target, copies);
            } finally {
                copies.values().forEach(Fd::close);
            }
            if (workDir.isPresent()) {
                listener.on(new ExecutionEvent.StepStarted(Step.Kind.REMOVE_WORKDIR, hierarchy,
                        workDir.get().toString()));
                try {
                    Hierarchy.removeTree(workDir.get());
                } catch (IOException e) {
                    throw new MountException("Failed to remove workdir " + workDir.get() + ": " + e.getMessage(), e);
                }
                hook.afterStep(Step.Kind.REMOVE_WORKDIR, hierarchy);
            }
            listener.on(new ExecutionEvent.HierarchyUnmerged(hierarchy, target));
        }
        if (!any) {
            listener.on(new ExecutionEvent.StepSkipped(Step.Kind.UNMOUNT_OLD, hierarchy,
                    "nothing of ours is mounted at " + target));
        }
        return any;
    }

    private Map<Path, Fd> copySubmounts(Path target) throws MountException {
        Map<Path, Fd> copies = new java.util.LinkedHashMap<>();
        Path ownMeta = target.resolve(kind.metadataDirectory());
        List<Path> below = new ArrayList<>(MountTable.read().topMountsBelow(target));
        below.remove(ownMeta);
        try {
            for (Path p : below) {
                copies.put(target.relativize(p), Kernel.cloneTree(p.toString(), true));
            }
        } catch (MountException e) {
            copies.values().forEach(Fd::close);
            throw e;
        }
        return copies;
    }

    private void restore(String hierarchy, Path target, Map<Path, Fd> copies) throws MountException {
        MountTable now = MountTable.read();
        for (Map.Entry<Path, Fd> copy : copies.entrySet()) {
            Path to = target.resolve(copy.getKey());
            if (now.isMountPoint(to)) {
                listener.on(new ExecutionEvent.StepSkipped(Step.Kind.MOVE_SUBMOUNTS, hierarchy,
                        to + " is mounted again already"));
                continue;
            }
            if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                listener.on(new ExecutionEvent.Notice("Not carrying over the mount at " + to
                        + ": its mount point does not exist below the unmerged hierarchy"));
                continue;
            }
            listener.on(new ExecutionEvent.StepStarted(Step.Kind.MOVE_SUBMOUNTS, hierarchy, to.toString()));
            Kernel.attach(copy.getValue(), to.toString());
        }
    }
}
