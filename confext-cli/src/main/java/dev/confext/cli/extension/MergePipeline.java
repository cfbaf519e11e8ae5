package dev.confext.cli.extension;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.DiscoveryException;
import dev.confext.core.api.ExtensionConfig;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.Hierarchies;
import dev.confext.core.api.HostRelease;
import dev.confext.core.api.ImageScanner;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.Root;
import dev.confext.mount.api.ImageCandidate;
import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.api.ImageValidation;
import dev.confext.mount.api.MergeExecutor;
import dev.confext.mount.api.MergePlanner;
import dev.confext.mount.api.MountException;
import dev.confext.mount.api.PlanRequest;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.MutableChoice;
import dev.confext.mount.plan.Operation;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * What {@code merge}, {@code refresh} and {@code unmerge} share: the privilege check, hierarchies,
 * configuration, discovery, validation and planning, with systemd's messages and exit codes for each
 * failure. Single use per verb run.
 */
final class MergePipeline {
    /** The last line systemd prints when the merge worker failed. */
    static final String MERGE_FAILED = "Failed to merge hierarchies";

    private final ExtensionOptions options;
    private final PrintStream err;

    MergePipeline(ExtensionOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    /** A planned run, or the exit status to return right away. */
    record Prepared(PlanRequest request, HostRelease host, MergePlan plan, int exitStatus) {
        static Prepared exit(int status) {
            return new Prepared(null, null, null, status);
        }

        boolean done() {
            return plan == null;
        }
    }

    /** Checks privileges and reads the hierarchies; empty when the verb must stop (message printed). */
    Optional<List<String>> hierarchies() {
        if (!Privileges.canMount()) {
            err.println("Need to be privileged.");
            return Optional.empty();
        }
        try {
            return Optional.of(Hierarchies.fromEnvironment(options.kind(), options.environment()));
        } catch (ConfextException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    /** The request for {@code operation} (reads the configuration and prints its warnings). */
    PlanRequest request(Operation operation, List<String> hierarchies) {
        ExtensionKind kind = options.kind();
        Root root = options.root();
        ExtensionConfig config = ExtensionConfig.read(root, kind);
        MutableChoice mutable = ContextWarnings.print(options, config, err);
        Optional<String> policy = options.imagePolicy().or(() -> config.imagePolicy().map(Object::toString));
        return new PlanRequest(kind, root, operation, hierarchies, mutable, options.force(), options.noexec(),
                options.alwaysRefresh(), policy, PlanRequest.overlayOptions(kind, options.environment()));
    }

    /** Discovery, metadata, host data, validation and the plan, for merge and refresh. */
    Prepared plan(Operation operation) {
        Optional<List<String>> hierarchies = hierarchies();
        if (hierarchies.isEmpty()) {
            return Prepared.exit(1);
        }
        PlanRequest request = request(operation, hierarchies.get());
        List<DiscoveredImage> images;
        try {
            images = ImageScanner.of(options.kind(), options.root()).discover();
        } catch (DiscoveryException e) {
            err.println(e.getMessage());
            return Prepared.exit(1);
        }
        List<DiscoveredImage> readable = new java.util.ArrayList<>();
        for (DiscoveredImage image : images) {
            try {
                MergeExecutor.checkReadable(image, options.environment());
                readable.add(image);
            } catch (ImageMountException e) {
                if (!options.skipBroken()) {
                    err.println(e.getMessage());
                    return Prepared.exit(1);
                }
                err.println("Skipping broken image " + e.image() + ": " + e.reason());
            }
        }
        images = readable;
        MergeExecutor executor = MergeExecutor.forRoot(options.root());
        if (operation == Operation.MERGE) {
            try {
                Optional<String> merged = executor.firstMerged(options.kind(), hierarchies.get());
                if (merged.isPresent()) {
                    err.println("Hierarchy '" + merged.get() + "' is already merged.");
                    return Prepared.exit(1);
                }
            } catch (MountException e) {
                err.println(e.getMessage());
                return Prepared.exit(1);
            }
        }
        HostRelease host;
        try {
            host = HostRelease.read(options.root(), options.kind(), options.environment());
        } catch (ConfextException e) {
            HostRelease.invalidUtf8Warning(e).ifPresent(err::println);
            err.println(e.getMessage());
            err.println(MERGE_FAILED);
            return Prepared.exit(1);
        }
        try {
            List<ImageCandidate> candidates = ImageValidation.validate(options.kind(), options.root(), host, images,
                    options.force(), MergePlanner.currentOrigin(request), options.dissectEnvironment(),
                    err::println);
            if (options.skipBroken()) {
                List<ImageCandidate> usable = new java.util.ArrayList<>();
                for (ImageCandidate c : candidates) {
                    if (c.status() == dev.confext.mount.plan.ImageVerdict.Status.BROKEN) {
                        err.println("Skipping broken image " + c.image().name() + ": " + c.reason());
                    } else {
                        usable.add(c);
                    }
                }
                candidates = usable;
            }
            MergePlan plan = MergePlanner.of(request).plan(candidates);
            return new Prepared(request, host, plan, 0);
        } catch (MountException e) {
            err.println(e.getMessage());
            String message = String.valueOf(e.getMessage());
            if (!message.startsWith("Failed to read metadata for image") && !message.endsWith("is already merged.")) {
                err.println(MERGE_FAILED);
            }
            return Prepared.exit(1);
        }
    }

    /** Whether a mode merges even without extensions. */
    static boolean mutable(PlanRequest request) {
        return request.mutable().mode() != MutableMode.NO;
    }

    ExtensionOptions options() {
        return options;
    }
}
