package dev.confext.core.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.confext.core.TestEnvironment;
import dev.confext.core.api.Errno;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.Root;
import dev.confext.core.linux.LinuxSyscalls;
import dev.confext.core.linux.Statx;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Random trees full of hostile symlinks (absolute, relative, {@code ..}-heavy, chains, loops, links to
 * {@code /}, {@code /proc/self/root}, {@code /proc/self/fd/0}) under a temporary root, resolved by
 * {@link PathResolver} (with its descriptor walker and with its {@code java.nio} walker, which must agree
 * exactly, trace included) and by {@link KernelResolver}:
 *
 * <ol>
 *   <li>inside their common domain they agree exactly: the same in-root path and the same inode, or the
 *       same errno. The domain leaves out what {@link KernelResolver} documents as different: more than 40
 *       link expansions (kernel limit) or more than 128 steps (resolver limit), and NOFOLLOW on a path ending
 *       in {@code /} or {@code /.} (there the kernel answers like the resolver without NOFOLLOW, which is
 *       checked too). Component names are short and the trees contain no procfs, so neither
 *       ENAMETOOLONG nor magic links occur; those differences have their own tests in {@link RootOpenTest};</li>
 *   <li>outside it the documented difference is the only one: more than 40 expansions is ELOOP for the
 *       kernel;</li>
 *   <li>whatever either returns is an inode of the tree under the root, never one outside it.</li>
 * </ol>
 *
 * A generated tree, e.g.:
 * <pre>
 * root/
 * ├── a/
 * │   ├── c -> ../../../../b          (clamped at root: "/b")
 * │   └── d -> /proc/self/root        (re-rooted: "root/proc/self/root", missing)
 * ├── b -> a/c                        (chain)
 * └── d -> d                          (loop)
 * </pre>
 */
class HostileRootProperties {
    private static final List<String> NAMES = List.of("a", "b", "c", "d");

    enum Kind { DIRECTORY, FILE, LINK }

    /** One entry to create: its path below the root, its kind, and a link's target. */
    record Entry(List<String> path, Kind kind, String target) {
        @Override
        public String toString() {
            return String.join("/", path) + (kind == Kind.LINK ? " -> " + target : kind == Kind.DIRECTORY ? "/" : "");
        }
    }

    /** A query: the path text and the options. */
    record Query(String path, Set<ResolveOption> options) {}

    @Provide
    Arbitrary<List<Entry>> trees() {
        Arbitrary<List<String>> paths = Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<String> relative = Arbitraries.of("a", "b", "c", "d", "..", "..", ".")
                .list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("/", l));
        Arbitrary<String> targets = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, relative),
                net.jqwik.api.Tuple.of(6, relative.map(t -> "/" + t)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("/")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(".")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("..")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("../../../../../../a")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("/../../../b")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("/proc/self/root")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("/proc/self/root/a")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("/proc/self/fd/0")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("/proc/self/cwd")));
        Arbitrary<Entry> entries = Combinators.combine(paths, Arbitraries.of(Kind.DIRECTORY, Kind.FILE, Kind.LINK, Kind.LINK), targets)
                .as((p, k, t) -> new Entry(p, k, t));
        Arbitrary<Entry> selfLoops = paths.map(p -> new Entry(p, Kind.LINK, p.get(p.size() - 1)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, entries), net.jqwik.api.Tuple.of(1, selfLoops))
                .list().ofMinSize(1).ofMaxSize(14);
    }

    @Provide
    Arbitrary<List<Query>> queries() {
        Arbitrary<String> text = Combinators.combine(
                Arbitraries.of("a", "b", "c", "d", "..", ".", "").list().ofMinSize(0).ofMaxSize(6),
                Arbitraries.of("/", ""), Arbitraries.of("", "", "", "", "", "/", "/."))
                .as((components, lead, trail) -> lead + String.join("/", components) + trail);
        Arbitrary<Set<ResolveOption>> options = Combinators.combine(
                Arbitraries.of(true, false, false, false), Arbitraries.of(true, false, false, false, false),
                Arbitraries.of(true, false, false, false, false, false))
                .as((noFollow, directory, regular) -> {
                    Set<ResolveOption> set = EnumSet.noneOf(ResolveOption.class);
                    if (noFollow) {
                        set.add(ResolveOption.NOFOLLOW);
                    }
                    if (directory) {
                        set.add(ResolveOption.DIRECTORY);
                    }
                    if (regular) {
                        set.add(ResolveOption.REGULAR);
                    }
                    return set;
                });
        return Combinators.combine(text, options).as(Query::new).list().ofMinSize(1).ofMaxSize(10);
    }

    @Test
    void kernelResolver_isAvailableForTheAgreementProperty() {
        TestEnvironment.requireOpenat2();
    }

    @Property(tries = 400)
    void resolvers_agreeAndStayInsideRoot(@ForAll("trees") List<Entry> tree, @ForAll("queries") List<Query> queries)
            throws IOException, ResolveException {
        Path root = Files.createTempDirectory("hostile-root");
        try {
            build(root, tree);
            Set<Object> inside = inodesUnder(root);
            for (Query query : queries) {
                check(root, inside, query, tree);
            }
        } finally {
            deleteTree(root);
        }
    }

    private static void check(Path root, Set<Object> inside, Query query, List<Entry> tree)
            throws IOException, ResolveException {
        String context = "tree " + tree + ", query '" + query.path() + "' " + query.options();
        PathResolver.Trace trace = new PathResolver.Trace();
        String javaPath = null;
        Errno javaErrno = null;
        try {
            javaPath = PathResolver.resolve(root, query.path(), query.options(), trace).path();
        } catch (ResolveException e) {
            javaErrno = e.errno();
        }
        // The java.nio walker (used without JNA) must give exactly what the descriptor walker gives.
        PathResolver.Trace nioTrace = new PathResolver.Trace();
        String nioPath = null;
        Errno nioErrno = null;
        try {
            nioPath = PathResolver.resolveWithoutDescriptors(root, query.path(), query.options(), nioTrace).path();
        } catch (ResolveException e) {
            nioErrno = e.errno();
        }
        assertEquals(javaPath, nioPath, "nio walker: " + context);
        assertEquals(javaErrno, nioErrno, "nio walker: " + context);
        assertEquals(trace.steps(), nioTrace.steps(), "nio walker: " + context);
        assertEquals(trace.links(), nioTrace.links(), "nio walker: " + context);
        if (javaPath != null) {
            Object key = inodeOf(Path.of(root + javaPath));
            assertTrue(inside.contains(key), "resolver left the root: " + javaPath + " for " + context);
            assertTrue(Path.of(root + javaPath).normalize().startsWith(root), context);
        }

        if (javaPath != null && LinuxSyscalls.get().isPresent()) {
            // The fallback for kernels without openat2 keeps the walk's final descriptor: same inode.
            LinuxSyscalls sys = LinuxSyscalls.get().get();
            PathResolver.Pinned pinned = PathResolver.resolvePinned(sys, root, query.path(), query.options());
            try {
                assertEquals(javaPath, pinned.result().path(), context);
                assertEquals(inodeOf(Path.of(root + javaPath)), inodeOf(pinned.fd()), "pinned inode: " + context);
            } finally {
                sys.close(pinned.fd());
            }
        }

        Optional<KernelResolver> kernel = KernelResolver.available();
        if (kernel.isEmpty()) {
            Statistics.label("kernel").collect("unavailable");
            return;
        }
        String kernelPath = null;
        Errno kernelErrno = null;
        Object kernelKey = null;
        try (DescriptorOpenedPath opened = kernel.get().open(Root.of(root), query.path(), query.options())) {
            kernelPath = opened.path();
            kernelKey = inodeOf(opened.descriptor());
        } catch (ResolveException e) {
            kernelErrno = e.errno();
        }
        if (kernelPath != null) {
            assertTrue(inside.contains(kernelKey), "kernel left the root: " + kernelPath + " for " + context);
        }

        boolean trailing = query.path().endsWith("/") || query.path().endsWith("/.");
        boolean noFollowTrailing = query.options().contains(ResolveOption.NOFOLLOW) && trailing;
        boolean withinLimits = trace.links() <= 40 && trace.steps() <= PathResolver.MAX_STEPS;
        if (noFollowTrailing && withinLimits) {
            // The kernel follows a final link before a trailing slash even with O_NOFOLLOW: it answers
            // like the resolver without NOFOLLOW.
            Statistics.label("case").collect("NOFOLLOW + trailing slash: kernel = resolver following");
            Set<ResolveOption> following = EnumSet.copyOf(query.options());
            following.remove(ResolveOption.NOFOLLOW);
            PathResolver.Trace followingTrace = new PathResolver.Trace();
            try {
                String followed = PathResolver.resolve(root, query.path(), following, followingTrace).path();
                if (followingTrace.links() <= 40) {
                    assertEquals(followed, kernelPath, context + " (kernel errno " + kernelErrno + ")");
                }
            } catch (ResolveException e) {
                if (followingTrace.links() <= 40 && followingTrace.steps() <= PathResolver.MAX_STEPS) {
                    assertEquals(e.errno(), kernelErrno, context + " (kernel path " + kernelPath + ")");
                }
            }
            return;
        }
        if (!withinLimits) {
            Statistics.label("case").collect("beyond a limit: " + (trace.links() > 40 ? "kernel ELOOP" : "steps"));
            if (trace.links() > 40) {
                assertEquals(Errno.ELOOP, kernelErrno, "more than 40 links must be ELOOP for the kernel: " + context);
            }
            return;
        }
        Statistics.label("case").collect(javaPath != null ? "agree: resolved" : "agree: " + javaErrno);
        if (javaPath != null) {
            assertEquals(javaPath, kernelPath, context + " (kernel errno " + kernelErrno + ")");
            Object javaKey = inodeOf(Path.of(root + javaPath));
            assertEquals(javaKey, kernelKey, "same inode: " + context);
        } else {
            assertEquals(javaErrno, kernelErrno, context + " (kernel path " + kernelPath + ")");
        }
    }

    /** The inode behind a descriptor. */
    private static Object inodeOf(int fd) throws IOException {
        LinuxSyscalls sys = LinuxSyscalls.get().orElseThrow();
        Statx st = sys.statx(fd, "", LinuxSyscalls.AT_EMPTY_PATH, Statx.STATX_INO);
        return new InodeKey(dev.confext.core.linux.LinuxFiles.encodeDevice(st.devMajor(), st.devMinor()), st.inode());
    }

    /** (device, inode) of an inode, from statx or from NIO's {@code unix:} attributes. */
    record InodeKey(long dev, long ino) {}

    /** The inode at a host path, not following a final symlink. */
    private static InodeKey inodeOf(Path p) throws IOException {
        long dev = ((Number) Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
        long ino = ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        return new InodeKey(dev, ino);
    }

    private static Set<Object> inodesUnder(Path root) throws IOException {
        Set<Object> keys = new HashSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                keys.add(inodeOf(p));
            }
        }
        return keys;
    }

    private static void build(Path root, List<Entry> tree) throws IOException {
        for (Entry e : tree) {
            Path p = root;
            try {
                for (int i = 0; i < e.path().size() - 1; i++) {
                    p = p.resolve(e.path().get(i));
                    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                            throw new FileAlreadyExistsException(p.toString());
                        }
                        Files.createDirectory(p);
                    }
                }
                p = p.resolve(e.path().get(e.path().size() - 1));
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                switch (e.kind()) {
                    case DIRECTORY -> Files.createDirectory(p);
                    case FILE -> Files.writeString(p, e.toString());
                    case LINK -> Files.createSymbolicLink(p, Path.of(e.target()));
                }
            } catch (FileAlreadyExistsException ignored) {
                // An earlier entry took the name: keep the earlier one.
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = new ArrayList<>(walk.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void inodeKeys_ofNioAndStatxMatch() throws Exception {
        TestEnvironment.requireOpenat2();
        Path root = Files.createTempDirectory("hostile-root");
        try {
            Files.writeString(root.resolve("f"), "x");
            Set<Object> inside = inodesUnder(root);
            try (DescriptorOpenedPath opened = KernelResolver.available().orElseThrow().open(Root.of(root), "f", Set.of())) {
                assertTrue(inside.contains(inodeOf(opened.descriptor())));
            }
            try (DescriptorOpenedPath outside = KernelResolver.available().orElseThrow().open(Root.host(), "/proc", Set.of())) {
                if (inside.contains(inodeOf(outside.descriptor()))) {
                    fail("an inode outside the root must not be in the set");
                }
            }
        } finally {
            deleteTree(root);
        }
    }
}
