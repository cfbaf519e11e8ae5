package dev.confext.mount.planner;

import dev.confext.mount.api.MountException;

/**
 * A problem with a hierarchy's mutable directory that systemd finds only while merging the hierarchy,
 * after it announced the extensions ("Using extensions ..."), so the planner reports it after that line:
 * a directory to import that is the hierarchy itself, or an upper directory on a read-only file system.
 */
final class MergeTimeException extends MountException {
    private static final long serialVersionUID = 1L;

    MergeTimeException(String message) {
        super(message);
    }
}
