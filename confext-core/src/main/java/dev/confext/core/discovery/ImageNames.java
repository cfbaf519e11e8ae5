package dev.confext.core.discovery;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Image-name rules of spec §2.2 and the suffix stripping of §2.1 and §2.4. */
public final class ImageNames {
    private static final int MAX_NAME_BYTES = 255;

    private ImageNames() {}

    /**
     * Whether {@code name} is a valid image name: a valid file name (not empty, not {@code .}/{@code ..},
     * no {@code /}, at most 255 bytes), no control characters, valid UTF-8 and not starting with
     * {@code .#}. A name holding U+FFFD is refused too: that is how the JVM shows a file name that was
     * not valid UTF-8.
     */
    public static boolean isValid(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            return false;
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\uFFFD' || Character.isSurrogate(c) && !validPair(name, i)) {
                return false;
            }
        }
        return !name.startsWith(".#");
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** A base name and the suffixes that were removed from it. */
    public record Stripped(String name, String suffix) {}

    /**
     * Removes the first of {@code formatSuffixes} that {@code entry} ends with (one is required; {@code ""}
     * always matches), then the optional {@code classSuffix}, and validates what is left.
     *
     * @return the name and the removed suffix (class suffix + format suffix), or empty when no format
     *         suffix matches or the rest is not a valid name
     */
    public static Optional<Stripped> strip(String entry, String classSuffix, List<String> formatSuffixes) {
        String name = entry;
        String suffix = "";
        if (formatSuffixes != null) {
            Optional<String> format = formatSuffixes.stream().filter(entry::endsWith).findFirst();
            if (format.isEmpty()) {
                return Optional.empty();
            }
            suffix = format.get();
            name = name.substring(0, name.length() - suffix.length());
        }
        if (classSuffix != null && name.endsWith(classSuffix)) {
            name = name.substring(0, name.length() - classSuffix.length());
            suffix = classSuffix + suffix;
        }
        return isValid(name) ? Optional.of(new Stripped(name, suffix)) : Optional.empty();
    }

    /**
     * The name an extension-release file may be named after when the exact name is not there: a trailing
     * {@code .sysext.raw}, {@code .confext.raw} or {@code .raw} removed, then cut at the first {@code _}
     * or {@code +}; empty when that leaves no valid name.
     */
    public static Optional<String> releaseBase(String imageName) {
        String base = imageName;
        for (String suffix : List.of(".sysext.raw", ".confext.raw", ".raw")) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        int cut = indexOfAny(base, "_+");
        if (cut >= 0) {
            base = base.substring(0, cut);
        }
        return isValid(base) ? Optional.of(base) : Optional.empty();
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
