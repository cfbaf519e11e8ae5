package dev.confext.core.root;

import java.io.IOException;

/**
 * The file-system operations one resolution needs, one directory entry at a time. A walker is single-use
 * (it may hold descriptors until {@link #close()}) and not thread-safe.
 */
interface Walker extends AutoCloseable {

    /** What a node is, as far as the resolver cares. */
    enum Type { DIRECTORY, REGULAR, SYMLINK, OTHER }

    /** The root directory (symlinks in the root's own path followed, as the kernel opens it). */
    Node root() throws IOException;

    /** The entry {@code name} in {@code directory}, not following it if it is a symlink. */
    Node lookup(Node directory, String name) throws IOException;

    /** The parent of {@code directory} ({@code ..}); ENOTDIR when {@code directory} is not one. */
    Node parent(Node directory) throws IOException;

    /** The text of the symlink {@code link}. */
    String readLink(Node link) throws IOException;

    /** Creates directory {@code name} (mode 0755, umask applied) in {@code directory} and returns it. */
    Node mkdir(Node directory, String name) throws IOException;

    /** True when {@code node} is the root's inode on the root's mount (false when that cannot be known). */
    boolean isRoot(Node node) throws IOException;

    /** Lets go of {@code node} (closes its descriptor) unless it is the root; null is ignored. */
    void release(Node node);

    @Override
    void close();

    /** A node met on the way; what identifies it depends on the walker. */
    interface Node {
        Type type();
    }
}
