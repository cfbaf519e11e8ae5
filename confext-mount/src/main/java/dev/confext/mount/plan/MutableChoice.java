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
        COMMAND_LINE("command-line"),
        /** {@code SYSTEMD_SYSEXT_MUTABLE_MODE} / {@code SYSTEMD_CONFEXT_MUTABLE_MODE}. */
        ENVIRONMENT("environment"),
        /** {@code Mutable=} in {@code sysext.conf} / {@code confext.conf} or a drop-in. */
        CONFIG("config"),
        /** Nothing set: {@code no}. */
        DEFAULT("default");

        private final String word;

        Source(String word) {
            this.word = word;
        }

        /** The lowercase word used in the JSON form. */
        public String word() {
            return word;
        }

        /** The source for a JSON word. */
        public static Source ofWord(String word) {
            return PlanWords.find(values(), Source::word, word, "setting source");
        }
    }

    public MutableChoice {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(source, "source");
    }
}
