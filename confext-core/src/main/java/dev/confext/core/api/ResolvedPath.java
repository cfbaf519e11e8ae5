package dev.confext.core.api;

import java.nio.file.Path;

/**
 * The result of resolving a path inside a {@link Root}.
 *
 * @param root   the root it was resolved in
 * @param path   the resolved path as seen from inside the root: absolute, normalised, no symlinks
 *               (except a final one kept by {@link ResolveOption#NOFOLLOW}); {@code "/"} for the root itself.
 *               When {@link ResolveOption#NONEXISTENT} let a missing part through, that part is appended as
 *               it was written (systemd does the same), e.g. {@code /var/lib/missing/./x/}
 * @param exists false only when {@link ResolveOption#NONEXISTENT} allowed a missing tail
 */
public record ResolvedPath(Root root, String path, boolean exists) {

    /** The same place as a path of the caller's file system: the root's text joined with {@link #path()}. */
    public Path hostPath() {
        return root.hostPath(path);
    }

    /** The last component ({@code ""} for the root itself). */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }

    @Override
    public String toString() {
        return hostPath().toString();
    }
}
