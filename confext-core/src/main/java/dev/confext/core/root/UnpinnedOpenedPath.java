package dev.confext.core.root;

import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolvedPath;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An {@link OpenedPath} without a descriptor, used where JNA is not available: it only knows the path. */
final class UnpinnedOpenedPath implements OpenedPath {
    private final ResolvedPath resolved;
    private boolean closed;

    UnpinnedOpenedPath(ResolvedPath resolved) {
        this.resolved = resolved;
    }

    @Override
    public ResolvedPath resolved() {
        return resolved;
    }

    @Override
    public boolean pinned() {
        return false;
    }

    @Override
    public Path procPath() {
        if (closed) {
            throw new IllegalStateException("already closed: " + resolved);
        }
        return resolved.hostPath();
    }

    @Override
    public FileChannel openChannel() throws IOException {
        return FileChannel.open(procPath(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return resolved + " (unpinned)";
    }
}
