package dev.confext.cli.extension;

import dev.confext.core.api.ConfextException;
import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.ExtensionConfig;
import dev.confext.core.api.Hierarchies;
import dev.confext.core.api.HostRelease;
import dev.confext.mount.api.ImageCandidate;
import dev.confext.mount.api.ImageValidation;
import dev.confext.mount.api.MergePlanner;
import dev.confext.mount.api.PlanRequest;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.MutableChoice;
import dev.confext.mount.plan.Operation;
import dev.confext.mount.plan.Origin;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the command line into the planner's inputs: hierarchies (environment), mutable mode (command line
 * &gt; environment &gt; config file &gt; {@code no}), image policy, overlay options, the discovered images and
 * their validation. Warnings (config file, unparsable mutable-mode variable) go to {@code err}.
 *
 * @param request    what to plan
 * @param candidates every discovered image with its validation result
 */
record PlanningContext(PlanRequest request, List<ImageCandidate> candidates) {

    /**
     * Gathers everything.
     *
     * @throws ConfextException with the message to print (bad hierarchies variable, discovery failure, no host
     *                          os-release, unreadable mount table)
     */
    static PlanningContext gather(ExtensionOptions options, Operation operation, ImageSource source, PrintStream err)
            throws ConfextException {
        List<String> hierarchies = Hierarchies.fromEnvironment(options.kind(), options.environment());
        ExtensionConfig config = ExtensionConfig.read(options.root(), options.kind());
        MutableChoice mutable = ContextWarnings.print(options, config, err);
        Optional<String> policy = options.imagePolicy().isPresent() ? options.imagePolicy()
                : config.imagePolicy().map(Object::toString);
        PlanRequest request = new PlanRequest(options.kind(), options.root(), operation, hierarchies, mutable,
                options.force(), options.noexec(), options.alwaysRefresh(), policy,
                PlanRequest.overlayOptions(options.kind(), options.environment()));
        List<DiscoveredImage> images = source.discover(options);
        List<ImageCandidate> candidates = new ArrayList<>();
        if (operation != Operation.UNMERGE) {
            HostRelease host = HostRelease.read(options.root(), options.kind(), options.environment());
            Optional<Origin> current = operation == Operation.REFRESH ? MergePlanner.currentOrigin(request)
                    : Optional.empty();
            for (ImageCandidate c : ImageValidation.validate(options.kind(), options.root(), host, images,
                    options.force(), current, options.dissectEnvironment())) {
                if (c.status() == ImageVerdict.Status.BROKEN && options.skipBroken()) {
                    err.println("Skipping broken image " + c.image().name() + ": " + c.reason());
                    candidates.add(c.withStatus(ImageVerdict.Status.REJECTED, "broken, skipped: " + c.reason()));
                } else {
                    candidates.add(c);
                }
            }
        }
        return new PlanningContext(request, List.copyOf(candidates));
    }
}
