package dev.confext.mount.state;

import dev.confext.core.api.Errno;
import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.Root;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Map;
import java.util.Optional;

/**
 * Small files and inode attributes read inside a {@link Root}: each path is opened by {@link Root#open}
 * (symlinks, a final one included, are followed inside the root and never lead out of it) and read or
 * stat-ed through the descriptor, so a tree changed after the lookup cannot redirect the access either.
 * Missing files are {@link Optional#empty()}; every other failure is an {@link IOException} whose message
 * is the reason alone (e.g. {@code "Is a directory"}), for the caller to prefix with the path. Stateless.
 */
public final class InRootFiles {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;

    private InRootFiles() {}

    /**
     * The content of the regular file at {@code path} inside {@code root}; empty when it does not exist.
     *
     * @param maxBytes larger files are refused
     * @throws IOException when it cannot be opened inside the root (a symlink loop, a non-directory on the
     *                     way), is not a regular file, is larger than {@code maxBytes}, or cannot be read
     */
    public static Optional<byte[]> read(Root root, String path, int maxBytes) throws IOException {
        try (OpenedPath opened = root.open(path)) {
            int type = mode(opened) & S_IFMT;
            if (type == S_IFDIR) {
                throw new IOException(Errno.EISDIR.text());
            }
            if (type != S_IFREG) {
                // a FIFO would block the read forever, a device could be anything: refuse up front
                throw new IOException("not a regular file, refusing to read it");
            }
            try (InputStream in = Channels.newInputStream(opened.openChannel())) {
                byte[] content = in.readNBytes(maxBytes + 1);
                if (content.length > maxBytes) {
                    throw new IOException("file is larger than " + maxBytes + " bytes, refusing to read it");
                }
                return Optional.of(content);
            }
        } catch (ResolveException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw new IOException(e.errno().text(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty(); // removed between the lookup and the read
        } catch (IOException e) {
            throw new IOException(reason(e), e);
        }
    }

    /**
     * {@code unix:} attributes (see {@link Files#readAttributes(java.nio.file.Path, String, LinkOption...)},
     * e.g. {@code "mode,dev,ino"}) of what {@code path} leads to inside {@code root}; empty when it does not
     * exist.
     *
     * @param options {@link ResolveOption#NOFOLLOW} to stat a final symlink itself
     * @throws IOException when it cannot be opened inside the root or stat-ed
     */
    public static Optional<Map<String, Object>> attributes(Root root, String path, String attributes,
            ResolveOption... options) throws IOException {
        try (OpenedPath opened = root.open(path, options)) {
            return Optional.of(attributes(opened, attributes));
        } catch (ResolveException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw new IOException(e.errno().text(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IOException(reason(e), e);
        }
    }

    /**
     * {@code unix:} attributes of an opened inode: through its descriptor when pinned (the
     * {@code /proc/self/fd} link leads to the inode itself), else of the resolved path, final link not
     * followed.
     *
     * @throws IOException when it cannot be stat-ed
     */
    public static Map<String, Object> attributes(OpenedPath opened, String attributes) throws IOException {
        String spec = "unix:" + attributes;
        return opened.pinned() ? Files.readAttributes(opened.procPath(), spec)
                : Files.readAttributes(opened.procPath(), spec, LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(OpenedPath opened) throws IOException {
        return ((Number) attributes(opened, "mode").get("mode")).intValue();
    }

    /** The system's reason for a failure, without the {@code /proc/self/fd} name the JDK puts in messages. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return Errno.EACCES.text();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
