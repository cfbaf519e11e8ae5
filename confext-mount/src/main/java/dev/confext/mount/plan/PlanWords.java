package dev.confext.mount.plan;

import java.util.Locale;

/**
 * The words that name the constants of the plan's enums in its JSON form: the constant's name in lowercase
 * with {@code -} for {@code _} ({@code UNMOUNT_OLD} is {@code unmount-old}), and the lookup back.
 */
final class PlanWords {
    private PlanWords() {}

    /** The JSON word of {@code value}. */
    static String wordOf(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant among {@code values} whose word is {@code text}.
     *
     * @param what names the enum in the error, e.g. {@code "layer kind"}
     * @throws IllegalArgumentException when no constant has that word
     */
    static <E extends Enum<E>> E find(E[] values, String text, String what) {
        for (E value : values) {
            if (wordOf(value).equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'");
    }
}
