package dev.confext.mount.planner;

import dev.confext.mount.api.MountException;

/**
 * The mutable directory to import as a lower layer is the hierarchy itself. systemd finds this only while
 * merging the hierarchy, after it announced the extensions, so the planner reports it after that line.
 */
final class ImportLoopException extends MountException {
    private static final long serialVersionUID = 1L;

    ImportLoopException(String hierarchy) {
        super("Not importing mutable directory for hierarchy " + hierarchy
                + " as a lower dir, because it points to the hierarchy itself");
    }
}
