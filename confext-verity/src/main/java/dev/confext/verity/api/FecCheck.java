package dev.confext.verity.api;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The outcome of decoding every codeword of a forward error correction area, as
 * {@code veritysetup verify --fec-device} does after a failed verification.
 *
 * @param geometry the layout that was decoded
 * @param errors bytes found wrong in correctable codewords (meaningful when {@link #repairable()})
 * @param unrepairableRound the first interleaving round holding a codeword with too many errors
 */
public record FecCheck(FecGeometry geometry, long errors, OptionalLong unrepairableRound) {
    public FecCheck {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(unrepairableRound, "unrepairableRound");
    }

    /** Whether every codeword could be decoded (so every error could be repaired). */
    public boolean repairable() {
        return unrepairableRound.isEmpty();
    }
}
