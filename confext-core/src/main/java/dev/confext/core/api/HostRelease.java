package dev.confext.core.api;

import dev.confext.core.release.BoundedRead;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
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
        String override = environment.get("SYSTEMD_OS_RELEASE");
        List<String> candidates = override != null ? List.of(override) : List.of("/etc/os-release", "/usr/lib/os-release");
        Map<String, String> values = null;
        Errno failure = Errno.ENOENT;
        Throwable cause = null;
        for (String candidate : candidates) {
            try {
                ResolvedPath file = root.resolve(candidate);
                values = BoundedRead.readEnvFile(file);
                break;
            } catch (ResolveException e) {
                failure = e.errno();
                cause = e;
                if (e.errno() != Errno.ENOENT) {
                    break;
                }
            } catch (EnvFileException e) {
                failure = e.errno();
                cause = e;
                break;
            }
        }
        String tree = root.toString();
        if (values == null) {
            throw new ConfextException("Failed to acquire 'os-release' data of OS tree '" + tree + "': "
                    + failure.text(), cause);
        }
        String id = values.getOrDefault("ID", "");
        if (id.isEmpty()) {
            throw new ConfextException("'ID' field not found or empty in 'os-release' data of OS tree '" + tree
                    + "'.");
        }
        return new HostRelease(id, values.getOrDefault("ID_LIKE", ""), values.getOrDefault("VERSION_ID", ""),
                values.getOrDefault(kind.levelKey(), ""), isInitrd(root), values);
    }

    /**
     * When {@code failure} (thrown by {@link #read}) comes from invalid UTF-8 in the os-release file, the
     * warning systemd prints about it before failing, naming the file by its resolved path relative to the
     * root ({@code usr/lib/os-release:3: invalid UTF-8 value for key K: '...', ignoring.}).
     */
    public static Optional<String> invalidUtf8Warning(ConfextException failure) {
        if (!(failure.getCause() instanceof EnvFileException e) || e.file().isEmpty()) {
            return Optional.empty();
        }
        String path = e.file().get().path();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return e.invalidUtf8Warning(path);
    }

    /** Whether {@code <root>/etc/initrd-release} exists (resolved inside the root). */
    static boolean isInitrd(Root root) {
        try {
            root.resolve("/etc/initrd-release");
            return true;
        } catch (ResolveException e) {
            return false;
        }
    }
}
