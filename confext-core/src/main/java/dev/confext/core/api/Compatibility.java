package dev.confext.core.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The compatibility decision of spec §4.3 ({@code --force} is the caller's business). Stateless. */
public final class Compatibility {
    private Compatibility() {}

    /**
     * Decides whether an image fits the host. The first matching rule decides.
     *
     * @param kind      which level and scope keys apply
     * @param host      the host's os-release data
     * @param imageName the image name, used in the reason
     * @param release   the image's extension-release values, empty when it has none
     * @return the verdict with a reason for acceptance and rejection alike
     */
    public static Verdict check(ExtensionKind kind, HostRelease host, String imageName,
            Optional<Map<String, String>> release) {
        return check(kind, host, imageName, release, Architecture.host());
    }

    /**
     * {@link #check(ExtensionKind, HostRelease, String, Optional)} with the host architecture given
     * (for tests and for callers that judge on behalf of another machine).
     */
    public static Verdict check(ExtensionKind kind, HostRelease host, String imageName,
            Optional<Map<String, String>> release, Optional<Architecture> hostArchitecture) {
        String name = imageName;
        Map<String, String> ext = release.orElse(Map.of());
        if (ext.isEmpty()) {
            return Verdict.reject("Extension '" + name + "' carries no release data, ignoring.");
        }
        String scope = ext.get(kind.scopeKey());
        List<String> scopes = scope == null ? List.of("system", "portable") : words(scope);
        if (!scopes.contains(host.scope())) {
            return Verdict.reject("Extension '" + name + "' is not suitable for scope " + host.scope() + ", ignoring.");
        }
        String architecture = ext.getOrDefault("ARCHITECTURE", "");
        String hostArchitectureName = hostArchitecture.map(Architecture::systemdName).orElse("unknown");
        if (!architecture.isEmpty() && !architecture.equals("_any")
                && !architecture.equals(hostArchitectureName)) {
            return Verdict.reject("Extension '" + name + "' is for architecture '" + architecture
                    + "', but deployed on top of '" + hostArchitectureName + "'.");
        }
        String id = ext.getOrDefault("ID", "");
        if (id.isEmpty()) {
            return Verdict.reject("Extension '" + name + "' does not contain ID in release file but requested to match '"
                    + host.id() + "' or be '_any'");
        }
        if (id.equals("_any")) {
            return Verdict.accept("Extension '" + name + "' matches '_any' OS.");
        }
        if (!id.equals(host.id()) && !words(host.idLike()).contains(id)) {
            return Verdict.reject("Extension '" + name + "' is for OS '" + id + "', but deployed on top of '"
                    + host.id() + "'.");
        }
        if (host.versionId().isEmpty() && host.level().isEmpty()) {
            return Verdict.accept("No version info on the host (rolling release?), but ID in " + name + " matched.");
        }
        String level = ext.getOrDefault(kind.levelKey(), "");
        if (!host.level().isEmpty() && !level.isEmpty()) {
            if (!host.level().equals(level)) {
                return Verdict.reject("Extension '" + name + "' is for API level '" + level
                        + "', but running on API level '" + host.level() + "'");
            }
        } else if (!host.versionId().isEmpty()) {
            String versionId = ext.getOrDefault("VERSION_ID", "");
            if (versionId.isEmpty()) {
                return Verdict.reject("Extension '" + name
                        + "' does not contain VERSION_ID in release file but requested to match '"
                        + host.versionId() + "'");
            }
            if (!versionId.equals(host.versionId())) {
                return Verdict.reject("Extension '" + name + "' is for OS '" + versionId + "', but deployed on top of '"
                        + host.versionId() + "'.");
            }
        }
        return Verdict.accept("Version info of extension '" + name + "' matches host.");
    }

    /** Splits on systemd's whitespace (space, tab, newline, carriage return), dropping empty words. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean separator = i == text.length() || " \t\n\r".indexOf(text.charAt(i)) >= 0;
            if (separator && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return words;
    }
}
