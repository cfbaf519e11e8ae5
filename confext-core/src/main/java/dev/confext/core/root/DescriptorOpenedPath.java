package dev.confext.core.root;

import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.linux.LinuxSyscalls;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An {@link OpenedPath} that holds a file descriptor on the inode. */
final class DescriptorOpenedPath implements OpenedPath {
    private final ResolvedPath resolved;
    private final LinuxSyscalls sys;
    private final int fd;
    private boolean closed;

    DescriptorOpenedPath(ResolvedPath resolved, LinuxSyscalls sys, int fd) {
        this.resolved = resolved;
        this.sys = sys;
        this.fd = fd;
    }

    @Override
    public ResolvedPath resolved() {
        return resolved;
    }

    @Override
    public boolean pinned() {
        return true;
    }

    /** The raw descriptor, for calls that take one. */
    int descriptor() {
        checkOpen();
        return fd;
    }

    @Override
    public Path procPath() {
        checkOpen();
        return Path.of("/proc/self/fd/" + fd);
    }

    @Override
    public FileChannel openChannel() throws IOException {
        return FileChannel.open(procPath(), StandardOpenOption.READ);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            sys.close(fd);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("already closed: " + resolved);
        }
    }

    @Override
    public String toString() {
        return resolved + (closed ? " (closed)" : " (fd " + fd + ")");
    }
}
