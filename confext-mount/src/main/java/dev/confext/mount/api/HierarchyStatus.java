package dev.confext.mount.api;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One row of {@code status}.
 *
 * @param hierarchy  the hierarchy as configured
 * @param merged     whether our overlay is mounted there
 * @param extensions the merged extension names (list-file order), empty when not merged
 * @param sinceUsec  when it was merged: the mtime of the un-prefixed hierarchy path in microseconds (upstream
 *                   stats the host's path even with {@code --root}); empty when not merged
 */
public record HierarchyStatus(String hierarchy, boolean merged, List<String> extensions, OptionalLong sinceUsec) {
    public HierarchyStatus {
        Objects.requireNonNull(hierarchy, "hierarchy");
        extensions = List.copyOf(extensions);
        sinceUsec = sinceUsec == null ? OptionalLong.empty() : sinceUsec;
    }
}
