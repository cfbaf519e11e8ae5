package dev.confext.mount.plan;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A path in a plan, relative to one of the two places a merge works in: the target root ({@code --root=},
 * {@code /} by default) or the private staging area ({@code /run/systemd/sysext}, a tmpfs that only exists
 * in the merge's own mount namespace). Plans never hold absolute paths of the machine, so the same plan
 * reads the same for {@code --root=/sysroot} and for the host.
 *
 * @param base where {@code path} starts
 * @param path absolute-style ({@code /etc}, {@code /meta/etc}); {@code /} for the base itself
 */
public record PlanPath(Base base, String path) {

    /** The directory a {@link PlanPath} is relative to. */
    public enum Base {
        /** The target root. */
        ROOT,
        /** The staging area {@code /run/systemd/sysext} of the merge's mount namespace. */
        STAGING;

        /** The lowercase word used in the JSON form. */
        public String word() {
            return PlanWords.wordOf(this);
        }

        /** The base for a JSON word. */
        public static Base ofWord(String word) {
            return PlanWords.find(values(), word, "path base");
        }
    }

    /** The staging area every merge uses, for both kinds. */
    public static final String STAGING_DIRECTORY = "/run/systemd/sysext";

    public PlanPath {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("plan path must start with '/': '" + path + "'");
        }
    }

    /** A path inside the target root. */
    public static PlanPath inRoot(String path) {
        return new PlanPath(Base.ROOT, path);
    }

    /** A path inside the staging area. */
    public static PlanPath inStaging(String path) {
        return new PlanPath(Base.STAGING, path);
    }

    /** This path joined with a relative or absolute-style child ({@code "etc"} or {@code "/etc"}). */
    public PlanPath resolve(String child) {
        String c = child.startsWith("/") ? child.substring(1) : child;
        if (c.isEmpty()) {
            return this;
        }
        return new PlanPath(base, path.equals("/") ? "/" + c : path + "/" + c);
    }

    /**
     * The path in the caller's file system.
     *
     * @param root    the target root's path
     * @param staging the staging area's path (normally {@link #STAGING_DIRECTORY})
     */
    public Path toHostPath(Path root, Path staging) {
        Path start = base == Base.ROOT ? root : staging;
        String relative = path.substring(1);
        return relative.isEmpty() ? start : start.resolve(relative);
    }

    /** The path as systemd would print it for the host root: staging paths get their full prefix. */
    @Override
    public String toString() {
        if (base == Base.ROOT) {
            return path;
        }
        return path.equals("/") ? STAGING_DIRECTORY : STAGING_DIRECTORY + path;
    }
}
