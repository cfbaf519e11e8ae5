package dev.confext.mount.plan;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A kernel file handle ({@code name_to_handle_at}) as the origin document records it.
 *
 * @param type   the handle type the file system reported
 * @param handle the handle bytes as lowercase hex
 */
public record FileHandle(int type, String handle) {
    public FileHandle {
        Objects.requireNonNull(handle, "handle");
        handle = handle.toLowerCase(java.util.Locale.ROOT);
        HexFormat.of().parseHex(handle);
    }
}
