package dev.confext.cli.extension;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.Root;
import dev.confext.verity.api.DissectEnvironment;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a {@code confext}/{@code sysext} verb needs from the command line and the environment,
 * parsed once by {@link ExtensionCommand}.
 *
 * @param kind          sysext or confext
 * @param root          {@code --root=}, {@link Root#host()} without it
 * @param rootGiven     whether {@code --root=} was given at all (it implies {@code --no-reload})
 * @param json          {@code --json=}: off, short or pretty
 * @param legend        false with {@code --no-legend}
 * @param force         {@code --force}
 * @param noReload      {@code --no-reload}, or implied by {@code --root=}
 * @param alwaysRefresh {@code --always-refresh=}
 * @param imagePolicy   {@code --image-policy=} as given
 * @param noexec        {@code --noexec=}: empty means the kind's default
 * @param mutable       {@code --mutable=}: empty means environment, then config, then {@code no}
 * @param explain       our {@code --explain} for {@code list}
 * @param skipBroken    our {@code --skip-broken}: a broken image is left out instead of aborting
 * @param environment   the process environment (a copy, so tests can pass their own)
 */
public record ExtensionOptions(ExtensionKind kind, Root root, boolean rootGiven, JsonMode json, boolean legend,
        boolean force, boolean noReload, boolean alwaysRefresh, Optional<String> imagePolicy,
        Optional<Boolean> noexec, Optional<MutableMode> mutable, boolean explain, boolean skipBroken,
        Map<String, String> environment) {

    /** {@code --json=} values. */
    public enum JsonMode {
        OFF, SHORT, PRETTY
    }

    public ExtensionOptions {
        environment = Map.copyOf(environment);
    }

    /** The image-dissection switches of {@link #environment()} ({@code $SYSTEMD_DISSECT_VERITY_*} and friends). */
    public DissectEnvironment dissectEnvironment() {
        return DissectEnvironment.of(environment);
    }
}
