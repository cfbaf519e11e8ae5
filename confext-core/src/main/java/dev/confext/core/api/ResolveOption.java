package dev.confext.core.api;

/** How {@link Root#resolve} treats the path it is given. */
public enum ResolveOption {
    /** Do not follow a symbolic link in the last component; return the link itself. */
    NOFOLLOW,
    /** A missing last part is not an error: the result says it does not exist. */
    NONEXISTENT,
    /** Create missing directories (mode 0755) on the way, including the last component. */
    MKDIR,
    /** The result must be a directory ({@link Errno#ENOTDIR} otherwise). */
    DIRECTORY,
    /** The result must be a regular file ({@link Errno#EISDIR}, {@link Errno#ELOOP} or {@link Errno#EBADFD} otherwise). */
    REGULAR
}
