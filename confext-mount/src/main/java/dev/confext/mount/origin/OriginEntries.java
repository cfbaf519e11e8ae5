package dev.confext.mount.origin;

import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.FileIdentity;
import dev.confext.mount.plan.FileHandle;
import dev.confext.mount.plan.OriginEntry;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds the origin entry of an image (spec §7.6) from what discovery measured, without mounting it:
 * the verity root hash when one is known, else mount id, file handle (or inode), birth and modification time.
 * The path is written as {@link OriginPaths} says.
 */
public final class OriginEntries {
    private OriginEntries() {}

    /**
     * The entry for {@code image}.
     *
     * @param verityHash the root hash when known (sidecar, xattr, or learnt by the executor when mounting)
     */
    public static OriginEntry of(DiscoveredImage image, Optional<String> verityHash) {
        String path = OriginPaths.recorded(image.path().root(), image.path().path());
        if (verityHash.isPresent()) {
            return OriginEntry.ofVerity(path, verityHash.get());
        }
        FileIdentity id = image.identity();
        Optional<FileHandle> handle = id.handleHex().filter(h -> !h.isEmpty()).map(h -> new FileHandle(id.handleType(), h));
        return new OriginEntry(path, Optional.empty(), id.mountId() < 0 ? OptionalLong.empty() : OptionalLong.of(id.mountId()),
                handle, handle.isPresent() ? OptionalLong.empty() : OptionalLong.of(id.inode()),
                OptionalLong.of(image.crtimeUsec()), OptionalLong.of(image.mtimeUsec()));
    }
}
