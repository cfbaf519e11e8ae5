package dev.confext.mount.api;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.Root;
import dev.confext.mount.plan.MutableChoice;
import dev.confext.mount.plan.Operation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What to plan: the kind, the root, the verb and every setting that shapes the overlays.
 *
 * @param kind           sysext or confext
 * @param root           the target root
 * @param operation      merge, refresh or unmerge
 * @param hierarchies    the hierarchies in merge order
 * @param mutable        the mutable mode and where it came from ({@link #mutableMode})
 * @param force          {@code --force}
 * @param noexec         {@code --noexec=}; absent = the kind's default
 * @param alwaysRefresh  {@code --always-refresh=yes}
 * @param imagePolicy    the image policy string in effect, if any was given
 * @param overlayOptions the overlay-options variable if set (possibly empty)
 */
public record PlanRequest(ExtensionKind kind, Root root, Operation operation, List<String> hierarchies,
        MutableChoice mutable, boolean force, Optional<Boolean> noexec, boolean alwaysRefresh,
        Optional<String> imagePolicy, Optional<String> overlayOptions) {

    /** The default mount options of a mutable overlay when the overlay-options variable is not set. */
    public static final String MUTABLE_OVERLAY_OPTIONS = "redirect_dir=on,noatime,metacopy=off,index=off";

    public PlanRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(operation, "operation");
        hierarchies = List.copyOf(hierarchies);
        Objects.requireNonNull(mutable, "mutable");
        noexec = noexec == null ? Optional.empty() : noexec;
        imagePolicy = imagePolicy == null ? Optional.empty() : imagePolicy;
        overlayOptions = overlayOptions == null ? Optional.empty() : overlayOptions;
    }

    /** A request with the kind's default hierarchies, mode {@code no} and no options. */
    public static PlanRequest of(ExtensionKind kind, Root root, Operation operation) {
        return new PlanRequest(kind, root, operation, kind.defaultHierarchies(),
                new MutableChoice(MutableMode.NO, MutableChoice.Source.DEFAULT), false, Optional.empty(), false,
                Optional.empty(), Optional.empty());
    }

    /** The same request for another verb. */
    public PlanRequest withOperation(Operation op) {
        return new PlanRequest(kind, root, op, hierarchies, mutable, force, noexec, alwaysRefresh, imagePolicy,
                overlayOptions);
    }

    /** The same request with another mutable mode. */
    public PlanRequest withMutable(MutableChoice choice) {
        return new PlanRequest(kind, root, operation, hierarchies, choice, force, noexec, alwaysRefresh, imagePolicy,
                overlayOptions);
    }

    /** The same request with other hierarchies. */
    public PlanRequest withHierarchies(List<String> list) {
        return new PlanRequest(kind, root, operation, list, mutable, force, noexec, alwaysRefresh, imagePolicy,
                overlayOptions);
    }

    /** The same request with other flags. */
    public PlanRequest withOptions(boolean newForce, Optional<Boolean> newNoexec, boolean newAlwaysRefresh,
            Optional<String> newImagePolicy) {
        return new PlanRequest(kind, root, operation, hierarchies, mutable, newForce, newNoexec, newAlwaysRefresh,
                newImagePolicy, overlayOptions);
    }

    /** The same request with the overlay-options variable set (possibly empty) or unset. */
    public PlanRequest withOverlayOptions(Optional<String> options) {
        return new PlanRequest(kind, root, operation, hierarchies, mutable, force, noexec, alwaysRefresh, imagePolicy,
                options);
    }

    /**
     * The mutable mode by precedence: {@code --mutable=} &gt; {@code SYSTEMD_<KIND>_MUTABLE_MODE} &gt; config
     * {@code Mutable=} &gt; {@code no}. An unparsable variable is reported to {@code warnings} and ignored.
     */
    public static MutableChoice mutableMode(ExtensionKind kind, Optional<MutableMode> commandLine,
            Map<String, String> environment, Optional<MutableMode> config, Consumer<String> warnings) {
        // The variable is parsed (and a bad value warned about) even when the command line decides.
        String variable = kind.mutableModeVariable();
        String value = environment.get(variable);
        Optional<MutableMode> fromEnvironment = Optional.empty();
        if (value != null) {
            fromEnvironment = MutableMode.parse(value);
            if (fromEnvironment.isEmpty()) {
                warnings.accept("Failed to parse " + variable + " environment variable value '" + value
                        + "'. Ignoring.");
            }
        }
        if (commandLine.isPresent()) {
            return new MutableChoice(commandLine.get(), MutableChoice.Source.COMMAND_LINE);
        }
        if (fromEnvironment.isPresent()) {
            return new MutableChoice(fromEnvironment.get(), MutableChoice.Source.ENVIRONMENT);
        }
        if (config.isPresent()) {
            return new MutableChoice(config.get(), MutableChoice.Source.CONFIG);
        }
        return new MutableChoice(MutableMode.NO, MutableChoice.Source.DEFAULT);
    }

    /** The overlay-options variable of {@code kind} from {@code environment}: absent when unset, kept when empty. */
    public static Optional<String> overlayOptions(ExtensionKind kind, Map<String, String> environment) {
        return Optional.ofNullable(environment.get(kind.overlayOptionsVariable()));
    }
}
