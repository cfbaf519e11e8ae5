package dev.confext.core.root;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@link Walker} over {@code java.nio}: every lookup goes through the host path text of the directory,
 * so it is not safe against a tree changed concurrently, and a host path longer than 4095 bytes fails with
 * ENAMETOOLONG. Used only where JNA is not available.
 */
final class NioWalker implements Walker {
    private final Path root;

    NioWalker(Path root) {
        this.root = root;
    }

    private record NioNode(Path where, Type type, Object key) implements Node {}

    @Override
    public Node root() throws IOException {
        return node(root, Files.readAttributes(root, BasicFileAttributes.class));
    }

    @Override
    public Node lookup(Node directory, String name) throws IOException {
        Path here = ((NioNode) directory).where().resolve(name);
        return node(here, Files.readAttributes(here, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public Node parent(Node directory) throws IOException {
        NioNode d = (NioNode) directory;
        if (d.type() != Type.DIRECTORY) {
            throw new NotDirectoryException(d.where().toString());
        }
        Path up = d.where().getParent();
        Path where = up == null ? d.where() : up;
        return node(where, Files.readAttributes(where, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public String readLink(Node link) throws IOException {
        return Files.readSymbolicLink(((NioNode) link).where()).toString();
    }

    @Override
    public Node mkdir(Node directory, String name) throws IOException {
        Path here = ((NioNode) directory).where().resolve(name);
        try {
            Files.createDirectory(here, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (FileAlreadyExistsException e) {
            throw e;
        }
        return lookup(directory, name);
    }

    /** Without mount ids an inode equal to the root's may be a bind mount of it, so never claim it is the root. */
    @Override
    public boolean isRoot(Node node) {
        return false;
    }

    @Override
    public void release(Node node) {
        // Nothing held.
    }

    @Override
    public void close() {
        // Nothing held.
    }

    private static NioNode node(Path where, BasicFileAttributes a) {
        Type type = a.isDirectory() ? Type.DIRECTORY : a.isRegularFile() ? Type.REGULAR
                : a.isSymbolicLink() ? Type.SYMLINK : Type.OTHER;
        return new NioNode(where, type, a.fileKey());
    }
}
