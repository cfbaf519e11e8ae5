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
     *                              not normalised or {@code /}
     */
    public static List<String> fromEnvironment(ExtensionKind kind, Map<String, String> environment)
            throws HierarchiesException {
        throw new UnsupportedOperationException("not yet");
    }
}
