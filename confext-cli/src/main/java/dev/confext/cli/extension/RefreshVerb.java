package dev.confext.cli.extension;

import dev.confext.mount.plan.Operation;
import java.io.PrintStream;

/**
 * {@code refresh}: brings the merged state in line with the installed, compatible extensions. Skips when
 * nothing changed (unless {@code --always-refresh=yes}); replaces a merged hierarchy atomically; unmerges
 * when nothing is left to merge.
 */
final class RefreshVerb implements Verb {
    @Override
    public int run(ExtensionOptions options, PrintStream out, PrintStream err) {
        MergePipeline pipeline = new MergePipeline(options, err);
        MergePipeline.Prepared prepared = pipeline.plan(Operation.REFRESH);
        if (prepared.done()) {
            return prepared.exitStatus();
        }
        return MergeVerb.apply(options, prepared, err, Operation.REFRESH);
    }
}
