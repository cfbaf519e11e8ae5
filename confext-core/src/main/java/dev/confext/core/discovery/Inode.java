package dev.confext.core.discovery;

import dev.confext.core.api.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The type of an inode as {@code stat} reports it ({@code S_IFMT} bits of {@code st_mode}). */
public enum Inode {
    REGULAR, DIRECTORY, BLOCK, CHARACTER, FIFO, SOCKET, SYMLINK;

    /**
     * Stats {@code path} without following a final symlink.
     *
     * @throws IOException as the file system reports it
     */
    public static Inode of(Path path) throws IOException {
        return ofMode(mode(path));
    }

    /** Stats {@code path} following symlinks (for {@code /proc/self/fd/N} names of opened inodes). */
    public static Inode ofFollowing(Path path) throws IOException {
        return ofMode((Integer) Files.getAttribute(path, "unix:mode"));
    }

    private static Inode ofMode(int mode) throws IOException {
        return switch (mode & 0170000) {
            case 0100000 -> REGULAR;
            case 0040000 -> DIRECTORY;
            case 0060000 -> BLOCK;
            case 0020000 -> CHARACTER;
            case 0010000 -> FIFO;
            case 0140000 -> SOCKET;
            case 0120000 -> SYMLINK;
            default -> throw new IOException("unknown file type " + Integer.toOctalString(mode));
        };
    }

    /** {@code st_mode} of {@code path}, final symlink not followed. */
    public static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Why {@code path} cannot be opened as a directory ({@code ENOENT}, {@code ENOTDIR}, {@code ELOOP}, ...),
     * empty when it can; symlinks are followed.
     */
    public static java.util.Optional<Errno> directoryError(Path path) {
        try {
            return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).isDirectory()
                    ? java.util.Optional.empty() : java.util.Optional.of(Errno.ENOTDIR);
        } catch (IOException e) {
            return java.util.Optional.of(errnoOf(e));
        }
    }

    /** The errno behind an I/O failure, as well as the JDK lets us know it. */
    public static Errno errnoOf(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return Errno.EACCES;
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return Errno.ENOTDIR;
        }
        if (e instanceof java.nio.file.FileSystemLoopException) {
            return Errno.ELOOP;
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            for (Errno errno : Errno.values()) {
                if (fse.getReason().equals(errno.text())) {
                    return errno;
                }
            }
        }
        return Errno.EIO;
    }
}
