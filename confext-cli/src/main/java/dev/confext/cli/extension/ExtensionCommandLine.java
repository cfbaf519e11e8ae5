package dev.confext.cli.extension;

import dev.confext.cli.extension.ExtensionOptions.JsonMode;
import dev.confext.core.api.ImagePolicy;
import dev.confext.core.api.ImagePolicyException;
import dev.confext.core.api.MutableMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one {@code confext}/{@code sysext} command line binds to. Single use.
 *
 * <p>{@link #bind} takes the words {@link GnuArguments} normalised (every option spelled in full as
 * {@code --name} or {@code --name=value}, operands, and a kept {@code --} after which every word is an
 * operand); no reflective option model is needed for that, which keeps start-up short.
 *
 * <p>Options are applied in command-line order through setters, as getopt does: the first option that
 * ends parsing ({@code --help}, {@code --version}, {@code --json=help}, {@code --mutable=help}, or a
 * value that does not parse) is remembered in {@link #stop()} and every later option is ignored.
 */
final class ExtensionCommandLine {

    /** Why parsing stopped early. */
    sealed interface Stop permits Stop.Help, Stop.Version, Stop.JsonHelp, Stop.MutableHelp, Stop.BadValue {
        /** {@code -h}/{@code --help}. */
        record Help() implements Stop {}

        /** {@code --version}. */
        record Version() implements Stop {}

        /** {@code --json=help}. */
        record JsonHelp() implements Stop {}

        /** {@code --mutable=help}; {@code legend} as it was when the option was seen. */
        record MutableHelp(boolean legend) implements Stop {}

        /** A value that does not parse, with systemd's message. */
        record BadValue(String message) implements Stop {}
    }

    /** The options in systemd's table order, then ours. */
    static final List<LongOption> OPTIONS = List.of(
            new LongOption("help", false),
            new LongOption("version", false),
            new LongOption("no-pager", false),
            new LongOption("no-legend", false),
            new LongOption("root", true),
            new LongOption("json", true),
            new LongOption("force", false),
            new LongOption("image-policy", true),
            new LongOption("noexec", true),
            new LongOption("no-reload", false),
            new LongOption("mutable", true),
            new LongOption("always-refresh", true),
            new LongOption("explain", false),
            new LongOption("skip-broken", false));

    private Stop stop;
    private Optional<String> root = Optional.empty();
    private JsonMode json = JsonMode.OFF;
    private boolean legend = true;
    private boolean force;
    private boolean noReload;
    private boolean alwaysRefresh;
    private Optional<String> imagePolicy = Optional.empty();
    private Optional<Boolean> noexec = Optional.empty();
    private Optional<MutableMode> mutable = Optional.empty();
    private boolean explain;
    private boolean skipBroken;

    private final List<String> operands = new ArrayList<>();

    /**
     * Applies normalised words in order.
     *
     * @param words as {@link GnuArguments.Result#words()} gives them
     * @throws UsageException if a word names an option that {@link #OPTIONS} does not hold
     */
    void bind(List<String> words) throws UsageException {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--")) {
                operands.addAll(words.subList(i + 1, words.size()));
                return;
            }
            if (!word.startsWith("--")) {
                operands.add(word);
                continue;
            }
            int eq = word.indexOf('=');
            String name = eq < 0 ? word.substring(2) : word.substring(2, eq);
            String value = eq < 0 ? null : word.substring(eq + 1);
            apply(name, value, word);
        }
    }

    private void apply(String name, String value, String word) throws UsageException {
        switch (name) {
            case "help" -> help(true);
            case "version" -> version(true);
            case "no-pager" -> noPager(true);
            case "no-legend" -> noLegend(true);
            case "root" -> root(required(value, word));
            case "json" -> json(required(value, word));
            case "force" -> force(true);
            case "image-policy" -> imagePolicy(required(value, word));
            case "noexec" -> noexec(required(value, word));
            case "no-reload" -> noReload(true);
            case "mutable" -> mutable(required(value, word));
            case "always-refresh" -> alwaysRefresh(required(value, word));
            case "explain" -> explain(true);
            case "skip-broken" -> skipBroken(true);
            default -> throw new UsageException("Unknown option '" + word + "'");
        }
    }

    private static String required(String value, String word) throws UsageException {
        if (value == null) {
            throw new UsageException("Missing value for option '" + word + "'");
        }
        return value;
    }

    void help(boolean unused) {
        stopWith(new Stop.Help());
    }

    void version(boolean unused) {
        stopWith(new Stop.Version());
    }

    void noPager(boolean unused) {
        // There is no pager: output is never piped through one.
    }

    void noLegend(boolean unused) {
        if (stop == null) {
            legend = false;
        }
    }

    void root(String value) {
        if (stop == null) {
            root = Optional.of(value);
            noReload = true;
        }
    }

    void json(String value) {
        if (stop != null) {
            return;
        }
        switch (value) {
            case "pretty" -> json = JsonMode.PRETTY;
            case "short" -> json = JsonMode.SHORT;
            case "off" -> json = JsonMode.OFF;
            case "help" -> stopWith(new Stop.JsonHelp());
            default -> stopWith(new Stop.BadValue("Unknown argument to --json= switch: " + value));
        }
    }

    void force(boolean unused) {
        if (stop == null) {
            force = true;
        }
    }

    void imagePolicy(String value) {
        if (stop != null) {
            return;
        }
        try {
            ImagePolicy.parse(value, true);
            imagePolicy = Optional.of(value);
        } catch (ImagePolicyException e) {
            stopWith(new Stop.BadValue(imagePolicyError(e.reason(), value)));
        }
    }

    /** systemd's message for a refused {@code --image-policy=} value. */
    static String imagePolicyError(ImagePolicyException.Reason reason, String value) {
        return switch (reason) {
            case DUPLICATE -> "Duplicate rule in image policy: " + value;
            case UNKNOWN_DESIGNATOR -> "Unknown partition type in image policy: " + value;
            case UNKNOWN_FLAG -> "Unknown partition policy flag in image policy: " + value;
            case SYNTAX -> "Failed to parse image policy: " + value;
        };
    }

    void noexec(String value) {
        if (stop == null) {
            Optional<Boolean> parsed = parseBoolean(value);
            if (parsed.isEmpty()) {
                stopWith(new Stop.BadValue("Failed to parse boolean argument to '--noexec': " + value));
            } else {
                noexec = parsed;
            }
        }
    }

    void noReload(boolean unused) {
        if (stop == null) {
            noReload = true;
        }
    }

    void mutable(String value) {
        if (stop != null) {
            return;
        }
        if (value.equals("help")) {
            stopWith(new Stop.MutableHelp(legend));
            return;
        }
        Optional<MutableMode> parsed = MutableMode.parse(value);
        if (parsed.isEmpty()) {
            stopWith(new Stop.BadValue("Failed to parse argument to --mutable=: " + value));
        } else {
            mutable = parsed;
        }
    }

    void alwaysRefresh(String value) {
        if (stop == null) {
            Optional<Boolean> parsed = parseBoolean(value);
            if (parsed.isEmpty()) {
                stopWith(new Stop.BadValue("Failed to parse boolean argument to '--always-refresh': " + value));
            } else {
                alwaysRefresh = parsed.get();
            }
        }
    }

    void explain(boolean unused) {
        if (stop == null) {
            explain = true;
        }
    }

    void skipBroken(boolean unused) {
        if (stop == null) {
            skipBroken = true;
        }
    }

    private void stopWith(Stop reason) {
        if (stop == null) {
            stop = reason;
        }
    }

    /**
     * systemd's boolean words: {@code 1 yes y true t on} and {@code 0 no n false f off}, case-insensitive.
     */
    static Optional<Boolean> parseBoolean(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "y", "true", "t", "on":
                return Optional.of(true);
            case "0", "no", "n", "false", "f", "off":
                return Optional.of(false);
            default:
                return Optional.empty();
        }
    }

    Optional<Stop> stop() {
        return Optional.ofNullable(stop);
    }

    List<String> operands() {
        return List.copyOf(operands);
    }

    Optional<String> root() {
        return root;
    }

    JsonMode json() {
        return json;
    }

    boolean legend() {
        return legend;
    }

    boolean force() {
        return force;
    }

    boolean noReload() {
        return noReload;
    }

    boolean alwaysRefresh() {
        return alwaysRefresh;
    }

    Optional<String> imagePolicy() {
        return imagePolicy;
    }

    Optional<Boolean> noexec() {
        return noexec;
    }

    Optional<MutableMode> mutable() {
        return mutable;
    }

    boolean explain() {
        return explain;
    }

    boolean skipBroken() {
        return skipBroken;
    }
}
