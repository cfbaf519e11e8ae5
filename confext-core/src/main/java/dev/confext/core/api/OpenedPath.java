package dev.confext.core.api;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A path resolved inside a {@link Root} together with a handle on the inode it led to, from
 * {@link Root#open}. Reading through {@link #procPath()} or {@link #openChannel()} reads that very inode,
 * even if the tree is changed after the lookup, as long as {@link #pinned()} is true.
 *
 * <p>Single-use: close it when done; methods other than {@link #resolved()} fail with
 * {@link IllegalStateException} after {@link #close()}. Not thread-safe.
 */
public interface OpenedPath extends AutoCloseable {

    /** Where the path led, inside the root (for an opened path it always exists). */
    ResolvedPath resolved();

    /** The in-root path, e.g. {@code /store/a-1.raw}. */
    default String path() {
        return resolved().path();
    }

    /**
     * True when a file descriptor holds the inode (the {@code openat2} path or the JNA fallback); false
     * when only the resolved path text is known (no JNA), in which case {@link #procPath()} is the host path.
     */
    boolean pinned();

    /**
     * A path that names the opened inode: {@code /proc/self/fd/N} when {@link #pinned()}, else the host
     * path of {@link #resolved()}. Valid until {@link #close()}; system calls on it follow the descriptor.
     */
    Path procPath();

    /**
     * A new read-only channel on the inode (re-opened through {@link #procPath()}).
     *
     * @throws IOException when it cannot be opened for reading (a directory, a symlink kept by
     *                     {@link ResolveOption#NOFOLLOW}, permissions)
     */
    FileChannel openChannel() throws IOException;

    /** Releases the descriptor; idempotent. */
    @Override
    void close();
}
