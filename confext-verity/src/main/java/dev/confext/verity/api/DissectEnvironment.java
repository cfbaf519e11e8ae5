package dev.confext.verity.api;

import java.util.Map;
import java.util.Optional;

/**
 * The switches systemd's image dissection takes from its environment about where verity data comes from and
 * how signatures are checked (systemd 262). Read once from an environment map by {@link #of(Map)} and passed
 * down as a value, so a test can hand in any combination without touching the process environment.
 *
 * @param sidecars            {@code $SYSTEMD_DISSECT_VERITY_SIDECAR}: look for {@code NAME.roothash},
 *                            {@code NAME.usrhash}, their {@code .p7s} signatures, the {@code user.verity.*}
 *                            xattrs and {@code NAME.verity} next to an image
 * @param embeddedSignature   {@code $SYSTEMD_DISSECT_VERITY_EMBEDDED}: take the root hash and its signature from
 *                            a disk image's verity signature partition (the verity partition itself is found
 *                            either way)
 * @param signatureChecks     {@code $SYSTEMD_DISSECT_VERITY_SIGNATURE}: validate a root hash signature when the
 *                            image policy allows {@code signed}; when off, an image with a signature counts as
 *                            verity-protected but not signed
 * @param userspaceSignatures {@code $SYSTEMD_ALLOW_USERSPACE_VERITY}: a signature may be accepted by the
 *                            certificates in the root's {@code verity.d} directories, not only by the kernel's
 *                            keyrings
 * @param guessRootHash       {@code $SYSTEMD_DISSECT_VERITY_GUESS}: when nothing else gives the root hash, take
 *                            the data partition's UUID followed by the verity partition's UUID
 */
public record DissectEnvironment(boolean sidecars, boolean embeddedSignature, boolean signatureChecks,
        boolean userspaceSignatures, boolean guessRootHash) {

    /** {@code SYSTEMD_DISSECT_VERITY_SIDECAR}. */
    public static final String SIDECAR = "SYSTEMD_DISSECT_VERITY_SIDECAR";
    /** {@code SYSTEMD_DISSECT_VERITY_EMBEDDED}. */
    public static final String EMBEDDED = "SYSTEMD_DISSECT_VERITY_EMBEDDED";
    /** {@code SYSTEMD_DISSECT_VERITY_SIGNATURE}. */
    public static final String SIGNATURE = "SYSTEMD_DISSECT_VERITY_SIGNATURE";
    /** {@code SYSTEMD_ALLOW_USERSPACE_VERITY}. */
    public static final String USERSPACE = "SYSTEMD_ALLOW_USERSPACE_VERITY";
    /** {@code SYSTEMD_DISSECT_VERITY_GUESS}. */
    public static final String GUESS = "SYSTEMD_DISSECT_VERITY_GUESS";

    private static final DissectEnvironment DEFAULTS = new DissectEnvironment(true, true, true, true, true);

    /** Everything on, as with none of the variables set. */
    public static DissectEnvironment defaults() {
        return DEFAULTS;
    }

    /**
     * The switches as {@code environment} sets them. Each variable is a boolean word; unset keeps the default
     * (on). A value that is not a boolean word is ignored (the default kept), as upstream ignores it, except for
     * {@code $SYSTEMD_ALLOW_USERSPACE_VERITY}, where upstream refuses userspace checks on a value it cannot
     * parse, and so does this.
     */
    public static DissectEnvironment of(Map<String, String> environment) {
        Optional<Boolean> userspace = Optional.ofNullable(environment.get(USERSPACE)).map(v -> parseBoolean(v)
                .orElse(false));
        return new DissectEnvironment(flag(environment, SIDECAR), flag(environment, EMBEDDED),
                flag(environment, SIGNATURE), userspace.orElse(true), flag(environment, GUESS));
    }

    /**
     * A boolean word as systemd parses it: {@code 1}, {@code yes}, {@code y}, {@code true}, {@code t},
     * {@code on} or {@code 0}, {@code no}, {@code n}, {@code false}, {@code f}, {@code off}, in any case; empty
     * for anything else (also for surrounding blanks and the empty string).
     */
    public static Optional<Boolean> parseBoolean(String word) {
        return switch (asciiLowerCase(word)) {
            case "1", "yes", "y", "true", "t", "on" -> Optional.of(true);
            case "0", "no", "n", "false", "f", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** Lower case for ASCII letters only, as C's {@code strcasecmp} compares in the C locale. */
    private static String asciiLowerCase(String word) {
        StringBuilder lower = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }

    private static boolean flag(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        return value == null || parseBoolean(value).orElse(true);
    }
}
