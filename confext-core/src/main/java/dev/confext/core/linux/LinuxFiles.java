package dev.confext.core.linux;

import dev.confext.core.api.FileIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Facts about a file that plain {@code java.nio} does not give: birth time, mount id, file handle.
 * (First version: NIO only; the statx/name_to_handle_at path replaces it.)
 */
public final class LinuxFiles {
    private LinuxFiles() {}

    /** The identity fields of the origin document for the inode at {@code path} (symlinks followed). */
    public static FileIdentity identity(Path path) throws IOException {
        long dev = ((Number) Files.getAttribute(path, "unix:dev")).longValue();
        long ino = ((Number) Files.getAttribute(path, "unix:ino")).longValue();
        return new FileIdentity(dev, ino, -1, 0, Optional.empty());
    }

    /** Birth time in microseconds, or 0 when the file system does not record one. */
    public static long crtimeUsec(Path path) throws IOException {
        FileTime created = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).creationTime();
        FileTime modified = Files.getLastModifiedTime(path);
        // Without statx, NIO reports the mtime as creation time when no birth time exists.
        return created.equals(modified) ? 0 : created.to(TimeUnit.MICROSECONDS);
    }

    /** Modification time in microseconds. */
    public static long mtimeUsec(Path path) throws IOException {
        return Files.getLastModifiedTime(path).to(TimeUnit.MICROSECONDS);
    }
}
