package dev.confext.mount.plan;

import dev.confext.core.api.MutableMode;
import java.util.Objects;

/**
 * The mutable mode in effect and where it came from ({@code --mutable=} beats the environment variable,
 * which beats {@code Mutable=} of the config file, which beats the default {@code no}).
 *
 * @param mode   the mode
 * @param source where it was set
 */
public record MutableChoice(MutableMode mode, Source source) {

    /** Where a setting came from. */
    public enum Source {
        /** {@code --mutable=}. */
        COMMAND_LINE,
        /** {@code SYSTEMD_SYSEXT_MUTABLE_MODE} / {@code SYSTEMD_CONFEXT_MUTABLE_MODE}. */
        ENVIRONMENT,
        /** {@code Mutable=} in {@code sysext.conf} / {@code confext.conf} or a drop-in. */
        CONFIG,
        /** Nothing set: {@code no}. */
        DEFAULT;

        /** The lowercase word used in the JSON form. */
        public String word() {
            return PlanWords.wordOf(this);
        }

        /** The source for a JSON word. */
        public static Source ofWord(String word) {
            return PlanWords.find(values(), word, "setting source");
        }
    }

    public MutableChoice {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(source, "source");
    }
}
