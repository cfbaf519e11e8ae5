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

    /** Written out like {@link OriginEntry#equals}'s, for the same start-up reason. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FileHandle h && type == h.type && handle.equals(h.handle);
    }

    @Override
    public int hashCode() {
        return 31 * type + handle.hashCode();
    }
}
