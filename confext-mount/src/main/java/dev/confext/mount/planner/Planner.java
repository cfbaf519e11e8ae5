package dev.confext.mount.planner;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.core.api.Versions;
import dev.confext.mount.api.ImageCandidate;
import dev.confext.mount.api.MountException;
import dev.confext.mount.api.PlanRequest;
import dev.confext.mount.origin.OriginEntries;
import dev.confext.mount.plan.CEscape;
import dev.confext.mount.plan.CurrentMerge;
import dev.confext.mount.plan.Decision;
import dev.confext.mount.plan.HierarchyPlan;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.Layer;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.MetadataFiles;
import dev.confext.mount.plan.MountFlags;
import dev.confext.mount.plan.Operation;
import dev.confext.mount.plan.Origin;
import dev.confext.mount.plan.OriginEntry;
import dev.confext.mount.plan.Overlay;
import dev.confext.mount.plan.PlanOptions;
import dev.confext.mount.plan.PlanPath;
import dev.confext.mount.plan.SkipCheck;
import dev.confext.mount.plan.Step;
import dev.confext.mount.plan.Upper;
import dev.confext.mount.state.InRootFiles;
import dev.confext.mount.state.MergedHierarchy;
import dev.confext.mount.state.MountEntry;
import dev.confext.mount.state.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Computes a {@link MergePlan} from a request, validated images and the current mount state (spec §7.3
 * steps 3–9, §7.4, §7.6). Deterministic: the same inputs on the same file system give equal plans.
 */
public final class Planner {
    static final String SKIP_MESSAGE = "Skipping extension refresh because no change was found, use "
            + "--always-refresh=yes to always do a refresh.";

    private Planner() {}

    /** The state of one hierarchy before planning. */
    private record HierarchyState(String hierarchy, ResolvedPath resolved, Optional<CurrentMerge> current,
            boolean hostLayerUsable, int hostMode) {}

    /**
     * Plans.
     *
     * @throws MountException for a broken image ("Failed to read metadata for image ..."), a hierarchy that is
     *                        already merged (merge only), an unresolvable hierarchy, the mutable-directory errors
     *                        of spec §1.4, an extension whose hierarchy is not a directory, or an unreadable old origin
     */
    public static MergePlan plan(PlanRequest request, List<ImageCandidate> candidates, MountTable table)
            throws MountException {
        ExtensionKind kind = request.kind();
        Root root = request.root();
        MutableMode mode = request.mutable().mode();
        PlanOptions options = new PlanOptions(request.hierarchies(), request.force(), request.noexec(),
                request.alwaysRefresh(), request.imagePolicy(), request.overlayOptions());

        if (request.operation() != Operation.UNMERGE) {
            for (ImageCandidate c : candidates) {
                if (c.status() == ImageVerdict.Status.BROKEN) {
                    throw new MountException("Failed to read metadata for image " + c.image().name() + ": " + c.reason());
                }
            }
        }
        List<HierarchyState> states = new ArrayList<>();
        for (String h : request.hierarchies()) {
            states.add(state(kind, root, h, table));
        }
        List<ImageVerdict> verdicts = new ArrayList<>();
        for (ImageCandidate c : candidates) {
            verdicts.add(new ImageVerdict(c.image().name(), c.image().type().word(), PlanPath.inRoot(c.image().path().path()),
                    c.image().fileName(), c.status(), c.reason(), Optional.of(OriginEntries.of(c.image(), c.verityHash()))));
        }

        if (request.operation() == Operation.UNMERGE) {
            return unmergePlan(request, options, verdicts, states);
        }
        if (request.operation() == Operation.MERGE) {
            for (HierarchyState s : states) {
                if (s.current().isPresent()) {
                    throw new MountException("Hierarchy '" + s.hierarchy() + "' is already merged.");
                }
            }
        }

        Comparator<ImageCandidate> byName = (a, b) -> Versions.compare(a.image().name(), b.image().name());
        List<ImageCandidate> active = candidates.stream()
                .filter(c -> c.status() == ImageVerdict.Status.ACCEPTED || c.status() == ImageVerdict.Status.PENDING)
                .sorted(byName).toList();
        boolean pending = active.stream().anyMatch(c -> c.status() == ImageVerdict.Status.PENDING);
        long ignored = candidates.stream().filter(c -> c.status() == ImageVerdict.Status.REJECTED).count();

        if (active.isEmpty() && mode == MutableMode.NO) {
            String message = ignored > 0
                    ? "No suitable extensions found (" + ignored + " ignored due to incompatible image(s))."
                    : "No extensions found.";
            return nothingToMerge(request, options, verdicts, states, message);
        }

        List<String> messages = new ArrayList<>();
        if (active.isEmpty()) {
            messages.add("No extensions found, proceeding in mutable mode.");
        } else {
            List<String> files = active.stream().map(c -> c.image().fileName()).sorted(Versions.COMPARATOR).toList();
            messages.add("Using extensions '" + String.join("', '", files) + "'.");
        }
        Map<String, MutableLayout> layouts = new LinkedHashMap<>();
        Map<String, String> mutableDirs = new LinkedHashMap<>();
        for (HierarchyState s : states) {
            MutableLayout layout;
            try {
                layout = MutableLayout.compute(kind, root, mode, s.hierarchy(), s.resolved(), s.hostMode(),
                        s.current().isPresent());
            } catch (MergeTimeException e) {
                throw afterAnnouncement(messages, e);
            }
            layouts.put(s.hierarchy(), layout);
            layout.originDir().ifPresent(d -> mutableDirs.put(s.hierarchy(), d));
        }
        Map<String, OriginEntry> entries = new LinkedHashMap<>();
        for (ImageCandidate c : active) {
            entries.put(c.image().name(), OriginEntries.of(c.image(), c.verityHash()));
        }
        Origin origin = new Origin(mode, mutableDirs, request.overlayOptions(), entries);
        String originText = origin.toJson();

        SkipCheck skip = skipCheck(request, states, origin, active);
        if (skip.skips()) {
            List<HierarchyPlan> plans = new ArrayList<>();
            for (HierarchyState s : states) {
                plans.add(new HierarchyPlan(s.hierarchy(), PlanPath.inRoot(s.resolved().path()), s.resolved().exists(),
                        s.current(), s.current().isPresent() ? Decision.SKIP : Decision.NOTHING,
                        s.current().isPresent() ? "merged and unchanged" : "not merged; the refresh leaves it alone",
                        Optional.empty()));
            }
            return new MergePlan(MergePlan.SCHEMA_VERSION, kind, request.operation(), Decision.SKIP,
                    skip.reason(), request.mutable(), options, verdicts, plans, skip, Optional.of(origin),
                    List.of(SKIP_MESSAGE), List.of());
        }

        List<String> names = active.stream().map(c -> c.image().name()).toList();
        StringBuilder listFile = new StringBuilder();
        for (String name : names) {
            listFile.append(name).append('\n');
        }
        List<HierarchyPlan> plans = new ArrayList<>();
        try {
            for (HierarchyState s : states) {
                plans.add(hierarchyPlan(request, s, layouts.get(s.hierarchy()), active, listFile.toString(),
                        originText));
            }
        } catch (MountException e) {
            throw afterAnnouncement(messages, e);
        }
        boolean anything = plans.stream().anyMatch(p -> p.decision() != Decision.NOTHING);
        Decision overall = !anything ? Decision.NOTHING
                : request.operation() == Operation.MERGE ? Decision.MERGE : Decision.REFRESH;
        String reason = switch (overall) {
            case NOTHING -> "no hierarchy gets an overlay";
            case MERGE -> "merging " + names.size() + " extension(s)" + (pending ? ", some still to be validated once mounted" : "");
            default -> skip.reason();
        };
        return new MergePlan(MergePlan.SCHEMA_VERSION, kind, request.operation(), overall, reason, request.mutable(),
                options, verdicts, plans, skip, Optional.of(origin), messages,
                Steps.forMerge(kind, active, plans));
    }

    private static HierarchyState state(ExtensionKind kind, Root root, String h, MountTable table) throws MountException {
        ResolvedPath resolved;
        try {
            resolved = root.resolve(h, ResolveOption.NONEXISTENT);
        } catch (ResolveException e) {
            throw new MountException("Failed to resolve hierarchy '" + root.hostPath(h) + "': " + e.errno().text(), e);
        }
        Optional<CurrentMerge> current = Optional.empty();
        boolean hostUsable = false;
        int mode = 0755;
        if (resolved.exists()) {
            Path host = resolved.hostPath();
            current = MergedHierarchy.read(kind, resolved, table);
            try {
                // stat-ed through a descriptor opened inside the root
                Optional<Map<String, Object>> stat = InRootFiles.attributes(root, resolved.path(), "mode");
                int st = stat.map(a -> ((Number) a.get("mode")).intValue()).orElse(0);
                if ((st & 0170000) == 0040000) {
                    mode = st & 0777;
                }
            } catch (IOException e) {
                throw new MountException("Failed to stat '" + host + "': " + e.getMessage(), e);
            }
            if (current.isPresent()) {
                // The merged tree covers the hierarchy: whether the bare hierarchy was usable is what our
                // overlay's bottom layer says.
                hostUsable = table.top(host).map(MountEntry::superOptions).map(o -> lowerDirs(o))
                        .map(l -> !l.isEmpty() && l.get(l.size() - 1).equals(host.toString())).orElse(false);
            } else {
                hostUsable = isNonEmptyDirectory(resolved);
            }
        }
        return new HierarchyState(h, resolved, current, hostUsable, mode);
    }

    /**
     * The lower directories of an overlay's super options, top to bottom: the legacy {@code lowerdir=a:b}
     * (with {@code \:} escapes) and the {@code lowerdir+=} options of layers added one by one.
     */
    static List<String> lowerDirs(String superOptions) {
        List<String> out = new ArrayList<>();
        List<String> options;
        try {
            options = dev.confext.mount.state.MountInfo.splitOptions(superOptions);
        } catch (dev.confext.mount.state.MountInfoException e) {
            return out;
        }
        for (String option : options) {
            if (option.startsWith("lowerdir+=")) {
                out.add(option.substring("lowerdir+=".length()));
            } else if (option.startsWith("lowerdir=")) {
                StringBuilder cur = new StringBuilder();
                String value = option.substring("lowerdir=".length());
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '\\' && i + 1 < value.length()) {
                        cur.append(value.charAt(++i));
                    } else if (c == ':') {
                        out.add(cur.toString());
                        cur.setLength(0);
                    } else {
                        cur.append(c);
                    }
                }
                out.add(cur.toString());
            }
        }
        return out;
    }

    /**
     * {@code failure} reported after the announcement of the extensions ({@code messages}): systemd announces
     * the extensions it uses before it looks into their hierarchies, where it finds such failures.
     */
    private static MountException afterAnnouncement(List<String> messages, MountException failure) {
        return new MountException(String.join("\n", messages) + "\n" + failure.getMessage(), failure);
    }

    /** Whether {@code path} is a directory (looked at through a descriptor opened inside its root). */
    private static boolean isDirectory(ResolvedPath path) {
        try (OpenedPath opened = path.root().open(path.path(), ResolveOption.NOFOLLOW)) {
            return Files.isDirectory(opened.procPath());
        } catch (ResolveException e) {
            return true; // unreadable: left to the mount, which reports it
        }
    }

    /** Whether {@code dir} is a directory with entries, listed through a descriptor opened inside its root. */
    private static boolean isNonEmptyDirectory(ResolvedPath dir) {
        try (OpenedPath opened = dir.root().open(dir.path(), ResolveOption.NOFOLLOW)) {
            if (!Files.isDirectory(opened.procPath())) {
                return false;
            }
            try (Stream<Path> s = Files.list(opened.procPath())) {
                return s.findAny().isPresent();
            } catch (IOException e) {
                return true;
            }
        } catch (ResolveException e) {
            return false;
        }
    }

    private static HierarchyPlan hierarchyPlan(PlanRequest request, HierarchyState s, MutableLayout layout,
            List<ImageCandidate> active, String listFile, String originText) throws MountException {
        ExtensionKind kind = request.kind();
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.meta(PlanPath.inStaging("/meta" + s.hierarchy())));
        layout.imported().ifPresent(p -> layers.add(Layer.imported(p)));
        int used = 0;
        for (int i = active.size() - 1; i >= 0; i--) {
            ImageCandidate c = active.get(i);
            PlanPath mounted = PlanPath.inStaging("/" + kind.stagingDirectory() + "/" + c.image().name());
            if (c.contentRoot().isEmpty()) {
                layers.add(Layer.extension(c.image().name(), mounted.resolve(s.hierarchy()), true));
                used++;
                continue;
            }
            Optional<String> inside = hierarchyInImage(c, s.hierarchy(), mounted);
            if (inside.isPresent()) {
                layers.add(Layer.extension(c.image().name(), mounted.resolve(inside.get()), false));
                used++;
            }
        }
        PlanPath resolved = PlanPath.inRoot(s.resolved().path());
        if (used == 0 && request.mutable().mode() == MutableMode.NO) {
            return new HierarchyPlan(s.hierarchy(), resolved, s.resolved().exists(), s.current(),
                    s.current().isPresent() ? Decision.UNMERGE : Decision.NOTHING,
                    "no extension provides " + s.hierarchy(), Optional.empty());
        }
        if (s.resolved().exists() && !isDirectory(s.resolved())) {
            // systemd checks whether the host hierarchy is empty before it builds any overlay
            throw new MountException("Failed to check if host hierarchy '" + request.root().hostPath(s.resolved().path())
                    + "' is empty: " + dev.confext.core.api.Errno.ENOTDIR.text());
        }
        if (s.hostLayerUsable() && !layout.hostIsUpper()) {
            layers.add(Layer.host(resolved));
        }
        String extra = request.overlayOptions()
                .orElse(layout.upper().isPresent() ? PlanRequest.MUTABLE_OVERLAY_OPTIONS : "");
        List<String> words = List.of(extra.split(","));
        MountFlags flags = new MountFlags(layout.upper().isEmpty(), true,
                kind.nosuid() || words.contains("nosuid"),
                request.noexec().orElse(kind.noexecByDefault()) || words.contains("noexec"), words.contains("noatime"));
        Optional<String> workDir = layout.upper().filter(Upper::persistent)
                .map(u -> CEscape.escape(u.workdir().path().substring(1), false) + "\n");
        MetadataFiles metadata = new MetadataFiles(kind.listFile(), listFile, originText, workDir);
        Overlay overlay = new Overlay(layers, layout.upper(), flags, extra, s.hostMode(), metadata);
        String why = used > 0 ? used + " extension(s) provide " + s.hierarchy()
                : "mutable mode " + request.mutable().mode().word() + ": overlay without extension content";
        return new HierarchyPlan(s.hierarchy(), resolved, s.resolved().exists(), s.current(),
                s.current().isPresent() ? Decision.REFRESH : Decision.MERGE, why, Optional.of(overlay));
    }

    /**
     * Where {@code hierarchy} resolves inside the image, when it is a non-empty directory there.
     *
     * @param mounted where the image is mounted in the staging area (systemd names that path in its error)
     * @throws MountException when it exists but is not a directory, or cannot be resolved
     */
    private static Optional<String> hierarchyInImage(ImageCandidate c, String hierarchy, PlanPath mounted)
            throws MountException {
        Root image = Root.of(c.contentRoot().get());
        ResolvedPath inside;
        try {
            inside = image.resolve(hierarchy);
        } catch (ResolveException e) {
            if (e.errno() == dev.confext.core.api.Errno.ENOENT) {
                return Optional.empty();
            }
            throw new MountException("Failed to resolve hierarchy '" + hierarchy + "' in extension '"
                    + c.image().name() + "': " + e.errno().text(), e);
        }
        Optional<Map<String, Object>> stat;
        try {
            stat = InRootFiles.attributes(image, inside.path(), "mode");
        } catch (IOException e) {
            stat = Optional.empty();
        }
        if (stat.isEmpty() || (((Number) stat.get().get("mode")).intValue() & 0170000) != 0040000) {
            // systemd's wording: it fails while checking whether the hierarchy is empty in the mounted image
            throw new MountException("Failed to check if hierarchy '" + PlanPath.STAGING_DIRECTORY
                    + mounted.resolve(hierarchy).path() + "' in extension '" + PlanPath.STAGING_DIRECTORY
                    + mounted.path() + "' is empty: " + dev.confext.core.api.Errno.ENOTDIR.text());
        }
        return isNonEmptyDirectory(inside) ? Optional.of(inside.path()) : Optional.empty();
    }

    private static SkipCheck skipCheck(PlanRequest request, List<HierarchyState> states, Origin origin,
            List<ImageCandidate> active) throws MountException {
        if (request.operation() != Operation.REFRESH || states.stream().allMatch(s -> s.current().isEmpty())) {
            return new SkipCheck(SkipCheck.Status.NOT_APPLICABLE,
                    request.operation() == Operation.REFRESH ? "nothing is merged" : "a merge never skips");
        }
        Optional<String> old = states.stream().map(HierarchyState::current).flatMap(Optional::stream)
                .map(CurrentMerge::origin).flatMap(Optional::stream).findFirst();
        if (old.isEmpty()) {
            return new SkipCheck(SkipCheck.Status.NO_ORIGIN, "the current merge records no origin (made by an older version)");
        }
        Origin previous;
        boolean same;
        try {
            same = dev.confext.mount.plan.OriginJson.sameDocument(old.get(), origin.toJson());
            previous = same ? origin : dev.confext.mount.plan.OriginJson.parse(old.get());
        } catch (dev.confext.mount.plan.PlanFormatException e) {
            throw new MountException("Failed to parse old extension origin: " + e.getMessage(), e);
        }
        boolean pending = active.stream().anyMatch(c -> c.status() == ImageVerdict.Status.PENDING);
        if (same && pending) {
            return new SkipCheck(SkipCheck.Status.AFTER_VALIDATION,
                    "unchanged if every image still to be validated is accepted");
        }
        if (same) {
            return request.alwaysRefresh()
                    ? new SkipCheck(SkipCheck.Status.UNCHANGED_FORCED,
                            "No change found based on origin entry but continuing as requested by --always-refresh=yes.")
                    : new SkipCheck(SkipCheck.Status.UNCHANGED, "no change found based on the origin entry");
        }
        if (pending && unchangedIfSomeRejected(previous, origin, active)) {
            return new SkipCheck(SkipCheck.Status.AFTER_VALIDATION,
                    "unchanged if exactly the images of the current merge are accepted once mounted");
        }
        return new SkipCheck(SkipCheck.Status.CHANGED, "Found changes based on origin entry, continuing with the refresh.");
    }

    /** Whether {@code previous} equals {@code next} minus some pending images. */
    private static boolean unchangedIfSomeRejected(Origin previous, Origin next, List<ImageCandidate> active) {
        if (previous.mode() != next.mode() || !previous.mutableDirs().equals(next.mutableDirs())
                || !previous.mountOptions().equals(next.mountOptions())) {
            return false;
        }
        for (Map.Entry<String, OriginEntry> e : previous.extensions().entrySet()) {
            if (!e.getValue().equals(next.extensions().get(e.getKey()))) {
                return false;
            }
        }
        for (ImageCandidate c : active) {
            if (!previous.extensions().containsKey(c.image().name()) && c.status() != ImageVerdict.Status.PENDING) {
                return false;
            }
        }
        return true;
    }

    private static MergePlan nothingToMerge(PlanRequest request, PlanOptions options, List<ImageVerdict> verdicts,
            List<HierarchyState> states, String message) {
        List<HierarchyPlan> plans = new ArrayList<>();
        boolean unmerge = false;
        for (HierarchyState s : states) {
            boolean drop = request.operation() == Operation.REFRESH && s.current().isPresent();
            unmerge |= drop;
            plans.add(new HierarchyPlan(s.hierarchy(), PlanPath.inRoot(s.resolved().path()), s.resolved().exists(),
                    s.current(), drop ? Decision.UNMERGE : Decision.NOTHING,
                    drop ? "no extension is left to merge" : "no extension to merge", Optional.empty()));
        }
        return new MergePlan(MergePlan.SCHEMA_VERSION, request.kind(), request.operation(),
                unmerge ? Decision.UNMERGE : Decision.NOTHING, message, request.mutable(), options, verdicts, plans,
                new SkipCheck(SkipCheck.Status.NOT_APPLICABLE, "nothing to merge"), Optional.empty(), List.of(message),
                Steps.forUnmerge(request.kind(), plans));
    }

    private static MergePlan unmergePlan(PlanRequest request, PlanOptions options, List<ImageVerdict> verdicts,
            List<HierarchyState> states) {
        List<HierarchyPlan> plans = new ArrayList<>();
        for (HierarchyState s : states) {
            plans.add(new HierarchyPlan(s.hierarchy(), PlanPath.inRoot(s.resolved().path()), s.resolved().exists(),
                    s.current(), s.current().isPresent() ? Decision.UNMERGE : Decision.NOTHING,
                    s.current().isPresent() ? "merged by us" : "not merged by us", Optional.empty()));
        }
        boolean any = plans.stream().anyMatch(p -> p.decision() == Decision.UNMERGE);
        return new MergePlan(MergePlan.SCHEMA_VERSION, request.kind(), Operation.UNMERGE,
                any ? Decision.UNMERGE : Decision.NOTHING, any ? "unmerging" : "nothing of ours is merged",
                request.mutable(), options, verdicts, plans,
                new SkipCheck(SkipCheck.Status.NOT_APPLICABLE, "not a refresh"), Optional.empty(), List.of(),
                Steps.forUnmerge(request.kind(), plans));
    }
}
