package dev.confext.core.api;

import java.util.Comparator;

/**
 * The version ordering systemd uses for extension names, the "Using extensions" list and vpick
 * (its {@code strverscmp_improved}, spec §5). Not used for {@code VERSION_ID} or level matching, which
 * are exact string comparisons.
 *
 * <p>Distinct strings may compare equal ({@code 1.0} and {@code 1.00}); a sort with this order is then
 * not total on strings, so callers must not rely on the relative order of such pairs.
 */
public final class Versions {
    /** {@link #compare} as a comparator; {@code null} counts as the empty string. */
    public static final Comparator<String> COMPARATOR = Versions::compare;

    private Versions() {}

    /**
     * Compares two version strings.
     *
     * @param a a version, {@code null} treated as {@code ""}
     * @param b a version, {@code null} treated as {@code ""}
     * @return negative if {@code a} is older, 0 if equal, positive if {@code a} is newer
     */
    public static int compare(String a, String b) {
        throw new UnsupportedOperationException("not yet");
    }
}
