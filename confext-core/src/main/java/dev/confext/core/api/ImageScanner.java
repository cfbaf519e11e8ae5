package dev.confext.core.api;

import dev.confext.core.discovery.SearchDirectoryScan;
import java.util.List;
import java.util.Optional;

/**
 * Finds the extension images of one kind in a root's search directories (spec §2). Immutable and
 * reusable: configure with {@code with...}, then call {@link #discover()}.
 *
 * <p>Within one search directory, entries are visited in byte-wise order of their names (upstream uses
 * readdir order, which is not deterministic); so when {@code foo.raw} and {@code foo/} both map to
 * {@code foo}, {@code foo} (the directory) wins because it sorts first.
 */
public final class ImageScanner {
    private final ExtensionKind kind;
    private final Root root;
    private final Optional<Boolean> initrd;

    private ImageScanner(ExtensionKind kind, Root root, Optional<Boolean> initrd) {
        this.kind = kind;
        this.root = root;
        this.initrd = initrd;
    }

    /** A scanner of {@code kind} images in {@code root}; whether it is an initrd is looked up in the root. */
    public static ImageScanner of(ExtensionKind kind, Root root) {
        return new ImageScanner(kind, root, Optional.empty());
    }

    /** The same scanner with the initrd search directory list forced on or off. */
    public ImageScanner withInitrd(boolean initrd) {
        return new ImageScanner(kind, root, Optional.of(initrd));
    }

    /** The kind of images looked for. */
    public ExtensionKind kind() {
        return kind;
    }

    /** The root the search directories are resolved in. */
    public Root root() {
        return root;
    }

    /**
     * The search directories used: the initrd list if {@code <root>/etc/initrd-release} exists (or the
     * override says so), else the normal one.
     */
    public List<String> searchDirectories() {
        return kind.searchDirectories(initrd.orElseGet(() -> HostRelease.isInitrd(root)));
    }

    /**
     * Scans the search directories.
     *
     * @return every image found (compatible or not), sorted by name byte-wise
     * @throws DiscoveryException when {@code <root>/etc/initrd-release}, a search directory or an entry
     *                            cannot be resolved for a reason other than "does not exist" (symlink loop,
     *                            a file in place of a directory, permission denied, ...), as upstream
     */
    public List<DiscoveredImage> discover() throws DiscoveryException {
        boolean inInitrd = initrd.isPresent() ? initrd.get() : initrdOrFail();
        return new SearchDirectoryScan(kind, root).scan(kind.searchDirectories(inInitrd));
    }

    /** Whether {@code <root>/etc/initrd-release} exists; another error than its absence fails discovery. */
    private boolean initrdOrFail() throws DiscoveryException {
        try {
            root.resolve("/etc/initrd-release");
            return true;
        } catch (ResolveException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw new DiscoveryException(e.errno(), e);
        }
    }
}
