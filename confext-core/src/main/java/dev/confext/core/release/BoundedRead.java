package dev.confext.core.release;

import dev.confext.core.api.EnvFile;
import dev.confext.core.api.EnvFileException;
import dev.confext.core.api.Errno;
import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.discovery.Inode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Map;

/** Reads small text files (release and config files) whole, refusing anything over a size limit. */
public final class BoundedRead {
    private BoundedRead() {}

    /**
     * The content of {@code file}, at most {@link EnvFile#MAX_BYTES} bytes.
     *
     * @throws EnvFileException with the errno of a read failure ({@code EISDIR} for a directory), or
     *                          {@code EINVAL} when the file is larger than the limit
     */
    public static byte[] read(ResolvedPath file) throws EnvFileException {
        // Re-open the resolved path inside its root and read through the descriptor: a tree changed after
        // the lookup cannot redirect the read outside the root, and a final symlink is refused, not followed.
        try (OpenedPath opened = file.root().open(file.path(), ResolveOption.NOFOLLOW)) {
            Inode type = typeOf(opened);
            if (type == Inode.DIRECTORY) {
                throw new EnvFileException(Errno.EISDIR, file.path() + ": " + Errno.EISDIR.text());
            }
            if (type == Inode.SYMLINK) {
                throw new EnvFileException(Errno.ELOOP, file.path() + ": " + Errno.ELOOP.text());
            }
            if (type == Inode.FIFO || type == Inode.SOCKET) {
                // reading would block forever (a FIFO) or fail obscurely (a socket): refuse up front
                throw new EnvFileException(Errno.EINVAL, file.path() + ": not a regular file, refusing to read it");
            }
            try (InputStream in = Channels.newInputStream(opened.openChannel())) {
                byte[] content = in.readNBytes(EnvFile.MAX_BYTES + 1);
                if (content.length > EnvFile.MAX_BYTES) {
                    throw new EnvFileException(Errno.EINVAL, file.path() + ": file is larger than "
                            + EnvFile.MAX_BYTES + " bytes, refusing");
                }
                return content;
            }
        } catch (ResolveException e) {
            throw new EnvFileException(e.errno(), file.path() + ": " + e.errno().text(), e);
        } catch (IOException e) {
            Errno errno = Inode.errnoOf(e);
            throw new EnvFileException(errno, file.path() + ": " + errno.text(), e);
        }
    }

    /**
     * The type of the opened inode: through its descriptor when pinned (the {@code /proc/self/fd} link is
     * followed to the inode itself), else of the path without following a final symlink.
     */
    public static Inode typeOf(OpenedPath opened) throws IOException {
        return opened.pinned() ? Inode.ofFollowing(opened.procPath()) : Inode.of(opened.procPath());
    }

    /**
     * Reads and parses an env-file.
     *
     * @throws EnvFileException when it cannot be read or is not valid UTF-8
     */
    public static Map<String, String> readEnvFile(ResolvedPath file) throws EnvFileException {
        byte[] content = read(file);
        try {
            return EnvFile.parse(content);
        } catch (EnvFileException e) {
            throw e.in(file);
        }
    }
}
