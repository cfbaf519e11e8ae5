package dev.confext.core.release;

import dev.confext.core.api.EnvFile;
import dev.confext.core.api.EnvFileException;
import dev.confext.core.api.Errno;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.discovery.Inode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
        try {
            Inode type = Inode.of(file.hostPath());
            if (type == Inode.DIRECTORY) {
                throw new EnvFileException(Errno.EISDIR, file.path() + ": " + Errno.EISDIR.text());
            }
            if (type == Inode.FIFO || type == Inode.SOCKET) {
                // reading would block forever (a FIFO) or fail obscurely (a socket): refuse up front
                throw new EnvFileException(Errno.EINVAL, file.path() + ": not a regular file, refusing to read it");
            }
            try (InputStream in = Files.newInputStream(file.hostPath())) {
                byte[] content = in.readNBytes(EnvFile.MAX_BYTES + 1);
                if (content.length > EnvFile.MAX_BYTES) {
                    throw new EnvFileException(Errno.EINVAL, file.path() + ": file is larger than "
                            + EnvFile.MAX_BYTES + " bytes, refusing");
                }
                return content;
            }
        } catch (IOException e) {
            Errno errno = Inode.errnoOf(e);
            throw new EnvFileException(errno, file.path() + ": " + errno.text(), e);
        }
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
            throw new EnvFileException(e.errno(), file.path() + ": " + e.getMessage(), e);
        }
    }
}
