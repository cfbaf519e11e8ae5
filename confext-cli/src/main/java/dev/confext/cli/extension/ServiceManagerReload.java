package dev.confext.cli.extension;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.ExtensionRelease;
import dev.confext.core.api.ReleaseFile;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.mount.api.MergeExecutor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The service manager reload of spec §7.7: when a merged extension says {@code EXTENSION_RELOAD_MANAGER=1}
 * and reloading is not off ({@code --no-reload}, implied by {@code --root=}), the manager is asked to
 * reload ({@code systemctl daemon-reload}, the same D-Bus {@code Reload} call systemd makes). Single use.
 */
final class ServiceManagerReload {
    private final ExtensionOptions options;
    private final PrintStream err;

    ServiceManagerReload(ExtensionOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    /** Whether a reload is wanted for the extensions merged now into {@code hierarchies}. */
    boolean wanted(List<String> hierarchies) {
        if (options.noReload() || options.rootGiven()) {
            return false;
        }
        MergeExecutor executor = MergeExecutor.forRoot(options.root());
        for (String h : hierarchies) {
            try {
                if (executor.firstMerged(options.kind(), List.of(h)).isEmpty()) {
                    continue;
                }
                ResolvedPath merged = options.root().resolve(h, ResolveOption.NONEXISTENT);
                Path list = merged.hostPath().resolve(options.kind().metadataDirectory())
                        .resolve(options.kind().listFile());
                for (String name : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    if (!name.isEmpty() && asksForReload(name)) {
                        return true;
                    }
                }
            } catch (ConfextException | IOException e) {
                // Lookup errors are ignored, as upstream does.
            }
        }
        return false;
    }

    private boolean asksForReload(String name) {
        Optional<ReleaseFile> release;
        try {
            release = ExtensionRelease.findRelaxed(options.root(), name, options.kind());
        } catch (ConfextException e) {
            return false;
        }
        String value = release.map(r -> r.values().get("EXTENSION_RELOAD_MANAGER")).orElse(null);
        if (value == null || value.isEmpty()) {
            return false;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "y", "true", "t", "on":
                return true;
            case "0", "no", "n", "false", "f", "off":
                return false;
            default:
                err.println("Failed to parse EXTENSION_RELOAD_MANAGER setting of extension '" + name
                        + "', ignoring: " + value);
                return false;
        }
    }

    /** Asks the service manager to reload; a failure is reported, not fatal. */
    void reload() {
        try {
            Process p = new ProcessBuilder("systemctl", "daemon-reload").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                err.println("Failed to reload the service manager.");
            }
        } catch (IOException e) {
            err.println("Failed to reload the service manager: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
