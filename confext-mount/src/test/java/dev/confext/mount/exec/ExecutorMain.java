package dev.confext.mount.exec;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import dev.confext.core.api.Root;
import dev.confext.core.api.Verdict;
import dev.confext.core.api.Versions;
import dev.confext.mount.api.ExecutionEvent;
import dev.confext.mount.api.MergeExecutor;
import dev.confext.mount.api.MergeOutcome;
import dev.confext.mount.api.MountException;
import dev.confext.mount.api.StepHook;
import dev.confext.mount.plan.CurrentMerge;
import dev.confext.mount.plan.Decision;
import dev.confext.mount.plan.HierarchyPlan;
import dev.confext.mount.plan.ImageVerdict;
import dev.confext.mount.plan.Layer;
import dev.confext.mount.plan.MergePlan;
import dev.confext.mount.plan.MetadataFiles;
import dev.confext.mount.plan.MountFlags;
import dev.confext.mount.plan.MutableChoice;
import dev.confext.mount.plan.Operation;
import dev.confext.mount.plan.Origin;
import dev.confext.mount.plan.OriginEntry;
import dev.confext.mount.plan.Overlay;
import dev.confext.mount.plan.PlanOptions;
import dev.confext.mount.plan.PlanPath;
import dev.confext.mount.plan.SkipCheck;
import dev.confext.mount.plan.Upper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A test driver run in a child process under {@code unshare -m}: builds a simple confext plan for
 * {@code ROOT/var/lib/confexts} (directories accepted, {@code *.raw} validated once mounted) with a small
 * planner of its own (a fake of the real one), applies it and prints the events to stderr.
 *
 * <pre>
 *   ExecutorMain ROOT merge|refresh|unmerge|inspect [no|yes|ephemeral] [--repeat=N] [--abort-after=K] [--non-atomic]
 *                [--policy=IMAGE_POLICY] [--fake-dm=trusting|untrusting|absent] [--userspace-verity]
 * </pre>
 * {@code --abort-after=K} halts the JVM right after the K-th completed step, like a crash. {@code --fake-dm}
 * pretends device-mapper is there ({@link FakeVerityActivator} with loop devices; {@code trusting}: the "kernel"
 * accepts root hash signatures; {@code absent}: no device-mapper, as on this kernel).
 */
public final class ExecutorMain {
    private ExecutorMain() {}

    public static void main(String[] args) throws Exception {
        Root root = Root.of(Path.of(args[0]));
        String op = args[1];
        MutableMode mode = args.length > 2 && !args[2].startsWith("--") ? MutableMode.parse(args[2]).orElseThrow()
                : MutableMode.NO;
        int repeat = 1;
        int abortAfter = -1;
        Optional<String> policy = Optional.empty();
        Optional<FakeVerityActivator> fakeDm = Optional.empty();
        for (String a : args) {
            if (a.startsWith("--policy=")) {
                policy = Optional.of(a.substring(9));
            } else if (a.startsWith("--fake-dm=")) {
                String dm = a.substring(10);
                fakeDm = Optional.of(dm.equals("absent") ? FakeVerityActivator.absent()
                        : FakeVerityActivator.withLoopDevices(dm.equals("trusting")));
            } else if (a.startsWith("--repeat=")) {
                repeat = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("--abort-after=")) {
                abortAfter = Integer.parseInt(a.substring(14));
            }
        }
        AtomicInteger steps = new AtomicInteger();
        int abort = abortAfter;
        StepHook hook = (kind, subject) -> {
            int n = steps.incrementAndGet();
            System.err.println("step " + n + " done: " + kind.word() + " " + subject);
            if (System.getenv("EXEC_DEBUG_MOUNTS") != null) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                        if (line.contains(args[0])) {
                            System.err.println("  mount: " + line);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            if (n == abort) {
                System.err.flush();
                Runtime.getRuntime().halt(77);
            }
        };
        MergeExecutor executor = MergeExecutor.forRoot(root).withStepHook(hook).withListener(ExecutorMain::print)
                .withAtomicReplacement(!List.of(args).contains("--non-atomic"))
                .withDissectEnvironment(dev.confext.verity.api.DissectEnvironment.of(System.getenv()));
        try {
            for (int i = 0; i < repeat; i++) {
                if (op.equals("inspect")) {
                    inspect(root);
                } else if (op.equals("unmerge")) {
                    System.err.println("unmerged " + executor.unmerge(ExtensionKind.CONFEXT,
                            List.of(args).contains("--twice") ? List.of("/etc", "/etc") : List.of("/etc")));
                } else if (fakeDm.isPresent()) {
                    MergeOutcome outcome = new MergeSession(plan(root, op, mode, policy, false), root, ExecutorMain::validate,
                            ExecutorMain::print, hook, false, List.of(args).contains("--userspace-verity"),
                            !List.of(args).contains("--non-atomic"), fakeDm.get(),
                            dev.confext.verity.api.DissectEnvironment.of(System.getenv())).run();
                    System.err.println("outcome " + outcome.status() + " " + outcome.accepted());
                } else {
                    MergeOutcome outcome = executor.apply(plan(root, op, mode, policy,
                            List.of(args).contains("--twice")), ExecutorMain::validate);
                    System.err.println("outcome " + outcome.status() + " " + outcome.accepted());
                }
            }
        } catch (MountException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void inspect(Root root) throws Exception {
        for (dev.confext.core.api.DiscoveredImage image : dev.confext.core.api.ImageScanner.of(ExtensionKind.CONFEXT,
                root).discover()) {
            System.err.println("release " + image.name() + ": "
                    + dev.confext.mount.api.ImageInspector.readRelease(image, ExtensionKind.CONFEXT,
                            dev.confext.verity.api.DissectEnvironment.defaults())
                            .map(r -> r.values().toString()).orElse("none"));
        }
    }

    private static void print(ExecutionEvent event) {
        System.err.println("event " + event);
    }

    private static Verdict validate(String name, Root image) {
        try {
            boolean has = image.resolve("/etc/extension-release.d/extension-release." + name).exists();
            return has ? Verdict.accept("has release") : Verdict.reject("no extension-release." + name);
        } catch (dev.confext.core.api.ResolveException e) {
            return Verdict.reject(e.getMessage());
        }
    }

    /** The plan for {@code /etc}; {@code twice}: {@code /etc} is configured twice ({@code /etc:/etc}). */
    static MergePlan plan(Root root, String op, MutableMode mode, Optional<String> policy, boolean twice)
            throws IOException, MountException {
        ExtensionKind kind = ExtensionKind.CONFEXT;
        Path dir = root.hostPath("/var/lib/confexts");
        List<ImageVerdict> images = new ArrayList<>();
        Map<String, OriginEntry> origin = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String file = p.getFileName().toString();
                boolean raw = file.endsWith(".raw");
                if (!raw && !Files.isDirectory(p)) {
                    continue; // verity sidecars next to an image
                }
                String name = raw ? file.substring(0, file.length() - 4) : file;
                images.add(new ImageVerdict(name, raw ? "raw" : "directory", PlanPath.inRoot("/var/lib/confexts/" + file),
                        file, raw ? ImageVerdict.Status.PENDING : ImageVerdict.Status.ACCEPTED, "test",
                        Optional.empty()));
                long inode = ((Number) Files.getAttribute(p, "unix:ino")).longValue();
                origin.put(name, OriginEntry.ofInode("/var/lib/confexts/" + file, 0, Optional.empty(), inode, 0,
                        raw ? Files.getLastModifiedTime(p).toMillis() * 1000 : 0));
                names.add(name);
            }
        }
        names.sort(Versions::compare);
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.meta(PlanPath.inStaging("/meta/etc")));
        for (int i = names.size() - 1; i >= 0; i--) {
            String n = names.get(i);
            layers.add(Layer.extension(n, PlanPath.inStaging("/confexts/" + n + "/etc"), true));
        }
        layers.add(Layer.host(PlanPath.inRoot("/etc")));
        Optional<Upper> upper = Optional.empty();
        String extra = "";
        if (mode == MutableMode.YES) {
            upper = Optional.of(new Upper(Upper.Kind.MUTABLE_DIR, PlanPath.inRoot("/var/lib/extensions.mutable/etc"),
                    PlanPath.inRoot("/var/lib/extensions.mutable/.systemd-etc-workdir"), true, 0755));
            extra = "redirect_dir=on,noatime,metacopy=off,index=off";
        } else if (mode == MutableMode.EPHEMERAL) {
            upper = Optional.of(new Upper(Upper.Kind.EPHEMERAL, PlanPath.inStaging("/mh_workspace/etc/etc"),
                    PlanPath.inStaging("/mh_workspace/etc/.systemd-etc-workdir"), true, 0755));
            extra = "redirect_dir=on,noatime,metacopy=off,index=off";
        }
        Origin doc = new Origin(mode, Map.of(), Optional.empty(), origin);
        MetadataFiles metadata = new MetadataFiles("confexts", String.join("\n", names), doc.toJson(), Optional.empty());
        Overlay overlay = new Overlay(layers, upper, new MountFlags(upper.isEmpty(), true, true, true, false), extra,
                0755, metadata);
        Path etc = root.hostPath("/etc");
        Optional<CurrentMerge> current = Optional.empty();
        if (Hierarchy.isOurs(kind, etc)) {
            current = Optional.of(new CurrentMerge(List.of(), Optional.empty(), Optional.empty(), 1));
        }
        Operation operation = op.equals("merge") ? Operation.MERGE : Operation.REFRESH;
        Decision decision = current.isPresent() ? Decision.REFRESH : Decision.MERGE;
        HierarchyPlan h = new HierarchyPlan("/etc", PlanPath.inRoot("/etc"), Files.isDirectory(etc), current, decision,
                "test", Optional.of(overlay));
        PlanOptions options = new PlanOptions(twice ? List.of("/etc", "/etc") : List.of("/etc"), false,
                Optional.empty(), true, policy, Optional.empty());
        return new MergePlan(MergePlan.SCHEMA_VERSION, kind, operation, decision, "test",
                new MutableChoice(mode, MutableChoice.Source.COMMAND_LINE), options, images,
                twice ? List.of(h, h) : List.of(h),
                new SkipCheck(SkipCheck.Status.NOT_APPLICABLE, "test"), Optional.of(doc), List.of(), List.of());
    }
}
