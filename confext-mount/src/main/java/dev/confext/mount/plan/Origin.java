package dev.confext.mount.plan;

import dev.confext.core.api.MutableMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The origin document written to {@code .systemd-sysext/origin}: what a merge was built from, so that a
 * later refresh can tell whether anything changed. Its JSON form is byte-compatible with systemd v260+'s,
 * see {@link OriginJson}.
 *
 * @param mode         the mutable mode of the merge
 * @param mutableDirs  per hierarchy (as configured) the resolved mutable directory, root prefix removed;
 *                     insertion order = hierarchy order
 * @param mountOptions the overlay-options variable when set and non-empty
 * @param extensions   per accepted image name (version-sorted) what identifies it
 */
public record Origin(MutableMode mode, Map<String, String> mutableDirs, Optional<String> mountOptions,
        Map<String, OriginEntry> extensions) {

    public Origin {
        Objects.requireNonNull(mode, "mode");
        mutableDirs = Collections.unmodifiableMap(new LinkedHashMap<>(mutableDirs));
        mountOptions = mountOptions == null ? Optional.empty() : mountOptions.filter(s -> !s.isEmpty());
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** systemd's pretty JSON of this document, with the final newline. */
    public String toJson() {
        return OriginJson.write(this);
    }
}
