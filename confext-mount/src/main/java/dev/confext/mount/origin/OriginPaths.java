package dev.confext.mount.origin;

import dev.confext.core.api.Root;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a path inside the root is written into the origin document (spec §7.6), matching systemd: it removes
 * the root's <em>resolved</em> path from a path spelt with the root <em>as given</em>. With a root whose
 * spelling holds a symlink (a {@code --root} that is a link, or lies below one) the prefix therefore does
 * not match and systemd records the full host path; so do we, so that a refresh by either tool after a merge
 * by the other compares equal.
 */
public final class OriginPaths {
    private OriginPaths() {}

    /**
     * The recorded form of {@code inRoot}.
     *
     * @param root   the root the path was resolved in
     * @param inRoot the path as seen from inside the root (absolute, starting with {@code /})
     */
    public static String recorded(Root root, String inRoot) {
        if (root.isHost() || spelledWithoutSymlinks(root.path())) {
            return inRoot;
        }
        return root.hostPath(inRoot).toString();
    }

    private static boolean spelledWithoutSymlinks(Path rootPath) {
        try {
            return rootPath.toRealPath().equals(rootPath);
        } catch (IOException e) {
            return true; // a root that cannot be resolved cannot hold images either; keep the short form
        }
    }
}
