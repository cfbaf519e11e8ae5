package dev.confext.core.root;

import static dev.confext.core.linux.LinuxSyscalls.AT_EMPTY_PATH;
import static dev.confext.core.linux.LinuxSyscalls.AT_STATX_DONT_SYNC;
import static dev.confext.core.linux.LinuxSyscalls.O_DIRECTORY;
import static dev.confext.core.linux.LinuxSyscalls.O_NOFOLLOW;
import static dev.confext.core.linux.LinuxSyscalls.O_PATH;

import dev.confext.core.linux.LinuxSyscalls;
import dev.confext.core.linux.Statx;
import dev.confext.core.linux.SyscallException;
import java.nio.file.Path;

/**
 * A {@link Walker} that holds an {@code O_PATH} descriptor for every node, like systemd's own resolver:
 * each lookup is {@code openat(directory_fd, name, O_PATH|O_NOFOLLOW)}, each {@code ..} is
 * {@code openat(fd, "..")}, and a symlink is read through its own descriptor. No step goes through a
 * path text, so moving or replacing directories during the walk cannot make it leave the root through
 * an earlier component, and deep trees are not limited by the host's path length.
 */
final class DescriptorWalker implements Walker {
    private static final int MASK = Statx.STATX_TYPE | Statx.STATX_INO | Statx.STATX_MNT_ID | Statx.STATX_MNT_ID_UNIQUE;

    private final LinuxSyscalls sys;
    private final Path rootPath;
    private FdNode root;

    DescriptorWalker(LinuxSyscalls sys, Path rootPath) {
        this.sys = sys;
        this.rootPath = rootPath;
    }

    private record FdNode(int fd, Type type, int devMajor, int devMinor, long inode, long mountId) implements Node {}

    @Override
    public Node root() throws SyscallException {
        if (root == null) {
            root = node(sys.open(rootPath.toString(), O_PATH | O_DIRECTORY));
        }
        return root;
    }

    @Override
    public Node lookup(Node directory, String name) throws SyscallException {
        return node(sys.openat(((FdNode) directory).fd(), name, O_PATH | O_NOFOLLOW));
    }

    @Override
    public Node parent(Node directory) throws SyscallException {
        return node(sys.openat(((FdNode) directory).fd(), "..", O_PATH | O_NOFOLLOW | O_DIRECTORY));
    }

    @Override
    public String readLink(Node link) throws SyscallException {
        return sys.readlinkat(((FdNode) link).fd(), "");
    }

    @Override
    public Node mkdir(Node directory, String name) throws SyscallException {
        sys.mkdirat(((FdNode) directory).fd(), name, 0755);
        return lookup(directory, name);
    }

    @Override
    public boolean isRoot(Node node) {
        FdNode n = (FdNode) node;
        return root != null && n.mountId() != -1 && n.inode() == root.inode() && n.devMajor() == root.devMajor()
                && n.devMinor() == root.devMinor() && n.mountId() == root.mountId();
    }

    @Override
    public void release(Node node) {
        if (node != null && node != root) {
            sys.close(((FdNode) node).fd());
        }
    }

    /**
     * Hands {@code node}'s descriptor to the caller, who must close it; the walker no longer releases it.
     * The root's descriptor stays with the walker, so the caller gets a new one for the same directory.
     */
    int detach(Node node) throws SyscallException {
        FdNode n = (FdNode) node;
        if (n == root) {
            return sys.openat(n.fd(), ".", O_PATH | O_DIRECTORY);
        }
        return n.fd();
    }

    @Override
    public void close() {
        if (root != null) {
            sys.close(root.fd());
            root = null;
        }
    }

    private FdNode node(int fd) throws SyscallException {
        Statx st;
        try {
            st = sys.statx(fd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, MASK);
        } catch (SyscallException e) {
            sys.close(fd);
            throw e;
        }
        Type type = st.isDirectory() ? Type.DIRECTORY : st.isRegularFile() ? Type.REGULAR
                : st.isSymbolicLink() ? Type.SYMLINK : Type.OTHER;
        long mountId = st.has(Statx.STATX_MNT_ID_UNIQUE) || st.has(Statx.STATX_MNT_ID) ? st.mountId() : -1;
        return new FdNode(fd, type, st.devMajor(), st.devMinor(), st.inode(), mountId);
    }
}
