package dev.confext.cli.extension;

import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.api.MergeExecutor;
import dev.confext.mount.api.MergeOutcome;
import dev.confext.mount.api.MountException;
import dev.confext.mount.plan.Decision;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.Operation;
import java.io.PrintStream;

/**
 * {@code merge}: mounts the compatible extensions over every hierarchy; refuses (exit 1) when a hierarchy
 * is already merged. Drop-in compatible with systemd's messages and exit statuses.
 */
final class MergeVerb implements Verb {
    @Override
    public int run(ExtensionOptions options, PrintStream out, PrintStream err) {
        MergePipeline pipeline = new MergePipeline(options, err);
        MergePipeline.Prepared prepared = pipeline.plan(Operation.MERGE);
        if (prepared.done()) {
            return prepared.exitStatus();
        }
        return apply(options, prepared, err, Operation.MERGE);
    }

    /** Applies a merge or refresh plan and prints systemd's messages; shared with {@code refresh}. */
    static int apply(ExtensionOptions options, MergePipeline.Prepared prepared, PrintStream err, Operation operation) {
        MergePlan plan = prepared.plan();
        MergeMessages messages = new MergeMessages(err);
        MergeExecutor executor = MergeExecutor.forRoot(options.root()).withListener(messages)
                .withSkipBroken(options.skipBroken())
                .withUserspaceVerity(isYes(options.environment().get("CONFEXT_USERSPACE_VERITY")))
                .withDissectEnvironment(options.dissectEnvironment())
                .withStepHook(TestHooks.fromEnvironment(options.environment()));
        try {
            if (plan.decision() == Decision.SKIP) {
                plan.messages().forEach(err::println);
                return 0;
            }
            if (plan.decision() == Decision.NOTHING || plan.decision() == Decision.UNMERGE) {
                plan.messages().forEach(err::println);
                if (operation == Operation.REFRESH) {
                    unmergeAll(options, executor, plan, messages, err);
                }
                messages.flush();
                return 0;
            }
            MergeOutcome outcome = executor.apply(plan, new MountedImageValidator(options.kind(), prepared.host(), err::println));
            ServiceManagerReload reload = new ServiceManagerReload(options, err);
            switch (outcome.status()) {
                case SKIPPED -> err.println("Skipping extension refresh because no change was found, use"
                        + " --always-refresh=yes to always do a refresh.");
                case NOTHING_FOUND -> {
                    err.println(outcome.ignored() > 0 ? "No suitable extensions found (" + outcome.ignored()
                            + " ignored due to incompatible image(s))." : "No extensions found.");
                    if (operation == Operation.REFRESH) {
                        unmergeAll(options, executor, plan, messages, err);
                    }
                }
                default -> {
                }
            }
            messages.flush();
            if (outcome.status() == MergeOutcome.Status.MERGED && reload.wanted(plan.options().hierarchies())) {
                reload.reload();
            }
            return 0;
        } catch (ImageMountException e) {
            messages.flush();
            err.println(e.getMessage());
            return 1;
        } catch (MountException e) {
            messages.flush();
            err.println(e.getMessage());
            err.println(MergePipeline.MERGE_FAILED);
            return 1;
        }
    }

    /** The unmerge half of a refresh that found nothing to merge, with unmerge's reload check. */
    private static void unmergeAll(ExtensionOptions options, MergeExecutor executor, MergePlan plan,
            MergeMessages messages, PrintStream err) throws MountException {
        ServiceManagerReload reload = new ServiceManagerReload(options, err);
        boolean wanted = reload.wanted(plan.options().hierarchies());
        boolean any = !executor.unmerge(options.kind(), plan.options().hierarchies()).isEmpty();
        messages.flush();
        if (wanted && any) {
            reload.reload();
        }
    }

    private static boolean isYes(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "yes", "y", "true", "t", "on" -> true;
            default -> false;
        };
    }
}
