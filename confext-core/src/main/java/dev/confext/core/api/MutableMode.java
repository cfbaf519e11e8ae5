package dev.confext.core.api;

import java.util.Locale;
import java.util.Optional;

/** How a merged hierarchy accepts writes (spec §1.4). */
public enum MutableMode {
    NO("no"),
    AUTO("auto"),
    YES("yes"),
    IMPORT("import"),
    EPHEMERAL("ephemeral"),
    EPHEMERAL_IMPORT("ephemeral-import");

    private final String word;

    MutableMode(String word) {
        this.word = word;
    }

    /** The word used on the command line, in the environment and in config files. */
    public String word() {
        return word;
    }

    /**
     * Parses a mode word (case-sensitive) or a boolean word ({@code 1/yes/y/true/t/on}, {@code 0/no/n/false/f/off},
     * case-insensitive).
     */
    public static Optional<MutableMode> parse(String text) {
        for (MutableMode mode : values()) {
            if (mode.word.equals(text)) {
                return Optional.of(mode);
            }
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "y", "true", "t", "on":
                return Optional.of(YES);
            case "0", "no", "n", "false", "f", "off":
                return Optional.of(NO);
            default:
                return Optional.empty();
        }
    }

    /** Whether an upperdir receives writes in this mode (if the mutable directory exists, for {@code auto}). */
    public boolean isWritable() {
        return this == AUTO || this == YES || this == EPHEMERAL || this == EPHEMERAL_IMPORT;
    }

    /** Whether the persistent mutable directory is imported as a read-only lower layer. */
    public boolean imports() {
        return this == IMPORT || this == EPHEMERAL_IMPORT;
    }

    /** Whether the upperdir is a throw-away directory in the staging tmpfs. */
    public boolean isEphemeral() {
        return this == EPHEMERAL || this == EPHEMERAL_IMPORT;
    }
}
