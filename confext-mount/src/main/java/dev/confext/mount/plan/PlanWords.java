package dev.confext.mount.plan;

import java.util.function.Function;

/** Looks up the enum constant of a plan type by the lowercase word its JSON form uses. */
final class PlanWords {
    private PlanWords() {}

    /**
     * The constant among {@code values} whose word is {@code text}.
     *
     * @param what names the enum in the error, e.g. {@code "layer kind"}
     * @throws IllegalArgumentException when no constant has that word
     */
    static <E extends Enum<E>> E find(E[] values, Function<E, String> word, String text, String what) {
        for (E value : values) {
            if (word.apply(value).equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'");
    }
}
