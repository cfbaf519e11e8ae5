package dev.confext.core.api;

import java.util.Map;

/**
 * The host's os-release facts that decide whether an extension fits (spec §4.1).
 *
 * @param id        {@code ID}, never empty
 * @param idLike    {@code ID_LIKE}, "" when absent
 * @param versionId {@code VERSION_ID}, "" when absent
 * @param level     {@code SYSEXT_LEVEL} or {@code CONFEXT_LEVEL} (by kind), "" when absent
 * @param initrd    whether {@code <root>/etc/initrd-release} exists (scope {@code initrd} instead of {@code system})
 * @param values    every assignment of the os-release file, unmodifiable
 */
public record HostRelease(String id, String idLike, String versionId, String level, boolean initrd,
        Map<String, String> values) {
    public HostRelease {
        values = Map.copyOf(values);
    }

    /** {@code initrd} or {@code system}: the scope an extension must list. */
    public String scope() {
        return initrd ? "initrd" : "system";
    }

    /**
     * Reads the host data of {@code root}: {@code $SYSTEMD_OS_RELEASE} if set in {@code environment},
     * else the first of {@code /etc/os-release}, {@code /usr/lib/os-release} that exists, all resolved
     * inside the root.
     *
     * @throws ConfextException "Failed to acquire 'os-release' data of OS tree '...'" when no file is
     *                          found or it cannot be read or parsed, or "'ID' field not found or empty
     *                          in 'os-release' data of OS tree '...'"
     */
    public static HostRelease read(Root root, ExtensionKind kind, Map<String, String> environment)
            throws ConfextException {
        throw new UnsupportedOperationException("not yet");
    }
}
