package dev.confext.cli.extension;

import dev.confext.core.api.Errno;
import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolvedPath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Optional;

/**
 * Tells from a disk image's first bytes what it holds: a GPT partition table, one of the file systems
 * systemd's image dissection mounts (the ones image policies can name: btrfs, erofs, ext4, f2fs, squashfs,
 * vfat, xfs) or a LUKS volume. Reads at most the first 68 KiB; never mounts. Stateless.
 */
final class DiskImageProbe {
    private static final int PROBE_BYTES = 0x10040 + 8;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;

    private DiskImageProbe() {}

    /**
     * What the image is, e.g. {@code "an erofs file system"}; empty when none of the known signatures is
     * there (systemd then fails with "Package not installed"). The image is opened inside its root (a link
     * met on the way is followed inside the root only) and read through that descriptor.
     *
     * @throws IOException when the image cannot be opened inside its root, is not a regular file or a block
     *                     device, or cannot be read; the message is the reason alone
     */
    static Optional<String> probe(ResolvedPath image) throws IOException {
        try (OpenedPath opened = image.root().open(image.path())) {
            int type = typeOf(opened);
            if (type == S_IFDIR) {
                throw new IOException(Errno.EISDIR.text());
            }
            if (type != S_IFREG && type != S_IFBLK) {
                // a FIFO would block the read forever
                throw new IOException("not a regular file or block device");
            }
            try (FileChannel channel = opened.openChannel()) {
                return probe(channel);
            }
        } catch (ResolveException e) {
            throw new IOException(e.errno().text(), e);
        } catch (FileSystemException e) {
            // the reason, without the /proc/self/fd name the JDK puts in its message
            String reason = e.getReason() != null ? e.getReason()
                    : e instanceof java.nio.file.AccessDeniedException ? Errno.EACCES.text() : e.getMessage();
            throw new IOException(reason, e);
        }
    }

    /** The {@code S_IFMT} bits of the opened inode (through its descriptor when pinned). */
    private static int typeOf(OpenedPath opened) throws IOException {
        Object mode = opened.pinned() ? Files.getAttribute(opened.procPath(), "unix:mode")
                : Files.getAttribute(opened.procPath(), "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return ((Number) mode).intValue() & 0170000;
    }

    /** What the bytes read from {@code channel} (from its start) show. */
    private static Optional<String> probe(ReadableByteChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(PROBE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (head.hasRemaining() && channel.read(head) > 0) {
            // keep reading until the buffer is full or the file ends
        }
        int length = head.position();
        head.flip();
        if (has(head, length, 512, "EFI PART") || has(head, length, 4096, "EFI PART")) {
            return Optional.of("a partitioned disk image (GPT)");
        }
        if (has(head, length, 0, "hsqs")) {
            return Optional.of("a squashfs file system");
        }
        if (length >= 1028 && head.getInt(1024) == 0xE0F5E1E2) {
            return Optional.of("an erofs file system");
        }
        if (length >= 1082 && Short.toUnsignedInt(head.getShort(1080)) == 0xEF53) {
            return Optional.of("an ext2/3/4 file system");
        }
        if (length >= 1028 && head.getInt(1024) == 0xF2F52010) {
            return Optional.of("an f2fs file system");
        }
        if (has(head, length, 0x10040, "_BHRfS_M")) {
            return Optional.of("a btrfs file system");
        }
        if (has(head, length, 0, "XFSB")) {
            return Optional.of("an xfs file system");
        }
        if (has(head, length, 0, "LUKS\u00ba\u00be")) {
            return Optional.of("a LUKS encrypted volume");
        }
        if (length >= 512 && Short.toUnsignedInt(head.getShort(510)) == 0xAA55
                && (has(head, length, 54, "FAT") || has(head, length, 82, "FAT32"))) {
            return Optional.of("a vfat file system");
        }
        return Optional.empty();
    }

    private static boolean has(ByteBuffer head, int length, int offset, String signature) {
        byte[] bytes = signature.getBytes(StandardCharsets.ISO_8859_1);
        if (offset + bytes.length > length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (head.get(offset + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
