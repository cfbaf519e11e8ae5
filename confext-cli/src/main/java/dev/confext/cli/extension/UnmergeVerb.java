package dev.confext.cli.extension;

import dev.confext.mount.api.MergeExecutor;
import dev.confext.mount.api.MountException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** {@code unmerge}: removes our overlays from every hierarchy; nothing merged is not an error. */
final class UnmergeVerb implements Verb {
    @Override
    public int run(ExtensionOptions options, PrintStream out, PrintStream err) {
        MergePipeline pipeline = new MergePipeline(options, err);
        Optional<List<String>> hierarchies = pipeline.hierarchies();
        if (hierarchies.isEmpty()) {
            return 1;
        }
        // systemd sets up the same context for every verb but list, and so warns about it here too.
        ContextWarnings.print(options, err);
        MergeMessages messages = new MergeMessages(err);
        MergeExecutor executor = MergeExecutor.forRoot(options.root()).withListener(messages)
                .withStepHook(TestHooks.fromEnvironment(options.environment()));
        // Whether to reload is decided on the state before unmounting.
        ServiceManagerReload reload = new ServiceManagerReload(options, err);
        boolean reloadWanted = reload.wanted(hierarchies.get());
        try {
            List<String> unmerged = executor.unmerge(options.kind(), hierarchies.get());
            messages.flush();
            if (reloadWanted && !unmerged.isEmpty()) {
                reload.reload();
            }
            return 0;
        } catch (MountException e) {
            messages.flush();
            err.println(e.getMessage());
            // systemd unmerges in a child process and reports its failure once more.
            err.println("'(sd-unmerge)' failed with exit status 1.");
            return 1;
        }
    }
}
