package dev.confext.core.api;

import java.util.Optional;

/**
 * What identifies an image's inode across runs without reading its content: the same fields systemd
 * records in the {@code origin} document.
 *
 * @param device       {@code st_dev} of the inode (Linux {@code dev_t} encoding)
 * @param inode        {@code st_ino}
 * @param mountId      the unique 64-bit mount id when the kernel gives one, else the classic mount id, else -1
 * @param handleType   kernel file-handle type, meaningful only with a handle
 * @param handleHex    the file handle as lowercase hex, empty when the file system has none
 */
public record FileIdentity(long device, long inode, long mountId, int handleType, Optional<String> handleHex) {
    public FileIdentity {
        handleHex = handleHex == null ? Optional.empty() : handleHex;
    }
}
