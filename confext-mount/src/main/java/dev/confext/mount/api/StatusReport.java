package dev.confext.mount.api;

import dev.confext.core.api.Errno;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.mount.plan.CurrentMerge;
import dev.confext.mount.state.MergedHierarchy;
import dev.confext.mount.state.MountTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What {@code status} shows (spec §7.1): per existing hierarchy whether it is merged by us, with which
 * extensions and since when, sorted by hierarchy path; plus the errors met on the way (each makes the
 * verb fail, the other rows are still shown). Read-only, needs no privileges.
 *
 * @param rows   one per hierarchy that exists inside the root
 * @param errors messages for hierarchies that could not be examined
 */
public record StatusReport(List<HierarchyStatus> rows, List<String> errors) {
    public StatusReport {
        rows = List.copyOf(rows);
        errors = List.copyOf(errors);
    }

    /**
     * Examines the hierarchies.
     *
     * @throws MountException when the mount table cannot be read
     */
    public static StatusReport read(ExtensionKind kind, Root root, List<String> hierarchies) throws MountException {
        return read(kind, root, hierarchies, MountTable.current());
    }

    static StatusReport read(ExtensionKind kind, Root root, List<String> hierarchies, MountTable table) {
        List<HierarchyStatus> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String h : hierarchies) {
            ResolvedPath resolved;
            try {
                resolved = root.resolve(h);
            } catch (ResolveException e) {
                if (e.errno() != Errno.ENOENT) {
                    errors.add("Failed to resolve path to hierarchy '" + root.hostPath(h) + "': " + e.errno().text());
                }
                continue;
            }
            Optional<CurrentMerge> current;
            try {
                current = MergedHierarchy.read(kind, root, resolved.hostPath(), table);
            } catch (MountException e) {
                errors.add(e.getMessage());
                continue;
            }
            if (current.isEmpty()) {
                rows.add(new HierarchyStatus(h, false, List.of(), OptionalLong.empty()));
                continue;
            }
            OptionalLong since;
            try {
                // upstream stats the configured path itself, not the one inside --root
                FileTime mtime = Files.getLastModifiedTime(Path.of(h));
                since = OptionalLong.of(mtime.to(TimeUnit.MICROSECONDS));
            } catch (java.nio.file.NoSuchFileException e) {
                errors.add("Failed to stat() '" + h + "': " + Errno.ENOENT.text());
                continue;
            } catch (IOException e) {
                errors.add("Failed to stat() '" + h + "': " + e.getMessage());
                continue;
            }
            rows.add(new HierarchyStatus(h, true, current.get().extensions(), since));
        }
        rows.sort(Comparator.comparing(HierarchyStatus::hierarchy,
                (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))));
        return new StatusReport(rows, errors);
    }
}
