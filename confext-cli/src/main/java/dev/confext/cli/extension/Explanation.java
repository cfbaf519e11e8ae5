package dev.confext.cli.extension;

import java.util.Optional;

/**
 * What {@code list --explain} says about one image.
 *
 * @param compatible whether {@code merge} would take the image on this host; empty when that cannot be
 *                   told without mounting it
 * @param reason     why, in words
 */
record Explanation(Optional<Boolean> compatible, String reason) {
    static Explanation yes(String reason) {
        return new Explanation(Optional.of(true), reason);
    }

    static Explanation no(String reason) {
        return new Explanation(Optional.of(false), reason);
    }

    static Explanation unknown(String reason) {
        return new Explanation(Optional.empty(), reason);
    }
}
