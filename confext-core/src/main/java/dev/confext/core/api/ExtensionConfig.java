package dev.confext.core.api;

import java.util.List;
import java.util.Optional;

/**
 * What {@code sysext.conf}/{@code confext.conf} and their drop-ins say (spec §1.5).
 *
 * @param mutable     {@code Mutable=}, if set validly
 * @param imagePolicy {@code ImagePolicy=}, if set and not empty
 * @param warnings    what a person should be told (unknown sections and keys, bad values, a file that
 *                    could not be parsed), in the order found
 */
public record ExtensionConfig(Optional<MutableMode> mutable, Optional<ImagePolicy> imagePolicy,
        List<String> warnings) {
    public ExtensionConfig {
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the main file and drop-ins of {@code kind} inside {@code root}. Never fails: anything wrong
     * becomes a warning, and a hard parse error drops the whole configuration with the warning
     * "Failed to parse global config file, ignoring".
     */
    public static ExtensionConfig read(Root root, ExtensionKind kind) {
        throw new UnsupportedOperationException("not yet");
    }
}
