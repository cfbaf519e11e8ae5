package dev.confext.cli.extension;

import dev.confext.mount.api.ExecutionEvent;
import dev.confext.mount.api.ExecutionListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the executor's events into systemd's info messages on stderr, in systemd's order: "Using
 * extensions ...", then every "Unmerged '...'." and then every "Merged extensions into '...'.". Single use.
 */
final class MergeMessages implements ExecutionListener {
    private final PrintStream err;
    private final List<String> unmerged = new ArrayList<>();
    private final List<String> merged = new ArrayList<>();

    MergeMessages(PrintStream err) {
        this.err = err;
    }

    @Override
    public void on(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.ExtensionsSelected selected) {
            if (selected.fileNames().isEmpty()) {
                err.println("No extensions found, proceeding in mutable mode.");
            } else {
                err.println("Using extensions '" + String.join("', '", selected.fileNames()) + "'.");
            }
        } else if (event instanceof ExecutionEvent.HierarchyUnmerged u) {
            unmerged.add("Unmerged '" + u.target() + "'.");
        } else if (event instanceof ExecutionEvent.HierarchyMerged m) {
            merged.add("Merged extensions into '" + m.target() + "'.");
        } else if (event instanceof ExecutionEvent.ImageIgnored ignored && MountedImageValidator.isOsTree(ignored.reason())) {
            // systemd fails to read such an image's metadata, says so and leaves the image out
            err.println("Failed to mount image: No medium found");
        } else if (event instanceof ExecutionEvent.ImageBroken broken) {
            err.println("Skipping broken image " + broken.name() + ": " + broken.reason());
        } else if (event instanceof ExecutionEvent.Notice notice) {
            err.println(notice.text());
        }
    }

    /** Prints what was collected and forgets it. */
    void flush() {
        unmerged.forEach(err::println);
        merged.forEach(err::println);
        unmerged.clear();
        merged.clear();
    }
}
