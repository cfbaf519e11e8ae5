package dev.confext.core.api;

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
        throw new UnsupportedOperationException("not yet");
    }
}
