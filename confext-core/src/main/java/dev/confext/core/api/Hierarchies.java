package dev.confext.core.api;

import java.util.List;
import java.util.Map;

/** The hierarchies an extension kind merges into (spec §1.1). */
public final class Hierarchies {
    private Hierarchies() {}

    /**
     * The kind's hierarchies: the colon-separated list in {@code SYSTEMD_SYSEXT_HIERARCHIES} /
     * {@code SYSTEMD_CONFEXT_HIERARCHIES} if set, else the defaults.
     *
     * @throws HierarchiesException when the variable is set but empty, or an element is empty, relative,
     *                              not normalised or {@code /} (systemd 262 then reports "Failed to determine
     *                              KIND hierarchies: Invalid argument" for every verb but {@code list})
     */
    public static List<String> fromEnvironment(ExtensionKind kind, Map<String, String> environment)
            throws HierarchiesException {
        String value = environment.get(kind.hierarchiesVariable());
        if (value == null) {
            return kind.defaultHierarchies();
        }
        List<String> paths = value.isEmpty() ? List.of() : List.of(value.split(":", -1));
        for (String path : paths) {
            if (!path.startsWith("/")) {
                throw invalid(kind, "Path '" + path + "' is not absolute, refusing.");
            }
            if (!isNormalised(path)) {
                throw invalid(kind, "Path '" + path + "' is not normalized, refusing.");
            }
            if (path.equals("/")) {
                throw invalid(kind, "Path '" + path + "' is the root fs, refusing.");
            }
        }
        if (paths.isEmpty()) {
            throw invalid(kind, "No paths specified, refusing.");
        }
        return paths;
    }

    private static HierarchiesException invalid(ExtensionKind kind, String detail) {
        return new HierarchiesException(kind, detail);
    }

    /** No {@code .} or {@code ..} component, no {@code //}, every component at most 255 bytes. */
    private static boolean isNormalised(String path) {
        if (path.contains("//") || path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 4096) {
            return false;
        }
        for (String component : path.split("/")) {
            if (component.equals(".") || component.equals("..")
                    || component.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
                return false;
            }
        }
        return true;
    }
}
