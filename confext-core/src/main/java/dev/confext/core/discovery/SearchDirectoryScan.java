package dev.confext.core.discovery;

import dev.confext.core.api.DiscoveredImage;
import dev.confext.core.api.DiscoveryException;
import dev.confext.core.api.Errno;
import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.FileIdentity;
import dev.confext.core.api.ImageType;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.core.linux.LinuxFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One discovery run over a list of search directories (spec §2.3): single-use, not thread-safe. The first
 * image registered under a name wins; search directories are visited in priority order and the entries of
 * one directory in byte-wise name order.
 */
public final class SearchDirectoryScan {
    /** Debug logging, created on first use: setting up System.Logger costs a short-lived CLI a lot. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(SearchDirectoryScan.class.getName());
    }

    private final ExtensionKind kind;
    private final Root root;
    private final Map<String, DiscoveredImage> images = new LinkedHashMap<>();
    /** File store facts per mount id: looking a store up scans the mount table, so do it once per mount. */
    private final Map<Long, java.nio.file.FileStore> storesByMount = new java.util.HashMap<>();

    public SearchDirectoryScan(ExtensionKind kind, Root root) {
        this.kind = kind;
        this.root = root;
    }

    /**
     * Scans {@code searchDirectories} (in-root paths, highest priority first).
     *
     * @return the images, sorted by name byte-wise
     * @throws DiscoveryException for any failure other than a missing directory or a dangling entry
     */
    public List<DiscoveredImage> scan(List<String> searchDirectories) throws DiscoveryException {
        requireRootDirectory();
        for (String directory : searchDirectories) {
            scanDirectory(directory);
        }
        List<DiscoveredImage> result = new ArrayList<>(images.values());
        result.sort((a, b) -> Directories.compareBytes(a.name(), b.name()));
        return List.copyOf(result);
    }

    /**
     * Fails as upstream does when the root itself cannot be opened as a directory (missing: {@code ENOENT},
     * a file: {@code ENOTDIR}), instead of finding every search directory missing.
     */
    private void requireRootDirectory() throws DiscoveryException {
        if (root.isHost()) {
            return;
        }
        java.util.Optional<Errno> error = Inode.directoryError(root.path());
        if (error.isPresent()) {
            throw new DiscoveryException(error.get(), null);
        }
    }

    private void scanDirectory(String directory) throws DiscoveryException {
        ResolvedPath resolved;
        try {
            resolved = root.resolve(directory);
        } catch (ResolveException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            throw new DiscoveryException(e.errno(), e);
        }
        String[] entries;
        try {
            entries = Directories.list(resolved);
        } catch (ResolveException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            throw new DiscoveryException(e.errno(), e);
        } catch (IOException e) {
            Errno errno = Inode.errnoOf(e);
            if (errno == Errno.ENOENT) {
                return;
            }
            throw new DiscoveryException(errno, e);
        }
        for (String entry : entries) {
            if (entry.startsWith(".sysupdate.")) {
                continue;
            }
            String entryPath = (resolved.path().equals("/") ? "" : resolved.path()) + "/" + entry;
            try {
                scanEntry(entry, entryPath);
            } catch (ResolveException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw new DiscoveryException(e.errno(), e);
                }
            } catch (IOException e) {
                Errno errno = Inode.errnoOf(e);
                if (errno != Errno.ENOENT) {
                    throw new DiscoveryException(errno, e);
                }
            }
        }
    }

    private void scanEntry(String entry, String entryPath) throws ResolveException, IOException {
        ResolvedPath target = root.resolve(entryPath);
        Inode inode = Inode.of(target.hostPath());
        String name;
        switch (inode) {
            case REGULAR -> {
                Optional<ImageNames.Stripped> stripped = ImageNames.strip(entry, kind.nameSuffix(), List.of(".raw"));
                if (stripped.isEmpty()) {
                    Log.LOG.log(System.Logger.Level.DEBUG, "Skipping {0}: not an image", entryPath);
                    return;
                }
                name = stripped.get().name();
            }
            case DIRECTORY -> {
                if (entry.endsWith(".v")) {
                    scanVersioned(entry, entryPath, target);
                    return;
                }
                Optional<ImageNames.Stripped> stripped =
                        ImageNames.strip(entry, kind.nameSuffix(), List.of(".mstack", ""));
                if (stripped.isEmpty()) {
                    return;
                }
                name = stripped.get().name();
            }
            case BLOCK -> {
                if (!ImageNames.isValid(entry)) {
                    return;
                }
                name = entry;
            }
            default -> {
                Log.LOG.log(System.Logger.Level.DEBUG, "Skipping {0}: neither file, directory nor block device", entryPath);
                return;
            }
        }
        register(name, inode, target, entryPath);
    }

    private void scanVersioned(String entry, String entryPath, ResolvedPath directory) throws IOException {
        String withoutV = entry.substring(0, entry.length() - 2);
        Optional<ImageNames.Stripped> stripped =
                ImageNames.strip(withoutV, kind.nameSuffix(), List.of(".raw", ".mstack", ""));
        if (stripped.isEmpty()) {
            return;
        }
        VersionPicker picker = VersionPicker.forImage(stripped.get().name(), stripped.get().suffix());
        Optional<VersionPicker.Pick> pick;
        try {
            pick = picker.pick(root, directory);
        } catch (ResolveException | IOException e) {
            Log.LOG.log(System.Logger.Level.DEBUG, "Failed to pick versioned image on {0}, skipping: {1}", entryPath,
                    e.getMessage());
            return;
        }
        if (pick.isEmpty()) {
            Log.LOG.log(System.Logger.Level.DEBUG, "Found versioned directory {0}, without matching entry, skipping",
                    entryPath);
            return;
        }
        register(stripped.get().name(), pick.get().type(), pick.get().target(), entryPath);
    }

    private void register(String name, Inode inode, ResolvedPath target, String entryPath) throws IOException {
        if (images.containsKey(name)) {
            return;
        }
        Path host = target.hostPath();
        ImageType type = switch (inode) {
            case REGULAR -> ImageType.RAW;
            case BLOCK -> ImageType.BLOCK;
            case DIRECTORY -> ImageType.DIRECTORY;
            default -> throw new IllegalStateException("not an image type: " + inode);
        };
        FileIdentity identity = LinuxFiles.identity(host);
        if (type == ImageType.DIRECTORY) {
            type = target.path().endsWith(".mstack") ? ImageType.MSTACK
                    : isSubvolume(host, identity, store(host, identity)) ? ImageType.SUBVOLUME : ImageType.DIRECTORY;
        }
        long crtime = quietly(() -> LinuxFiles.crtimeUsec(host));
        long mtime = type == ImageType.RAW || type == ImageType.SUBVOLUME ? quietly(() -> LinuxFiles.mtimeUsec(host)) : 0;
        images.put(name, new DiscoveredImage(name, type, target, entryPath, crtime, mtime,
                isReadOnly(host, type, store(host, identity)), identity));
    }

    private java.nio.file.FileStore store(Path host, FileIdentity identity) throws IOException {
        if (identity.mountId() < 0) {
            return Files.getFileStore(host);
        }
        java.nio.file.FileStore store = storesByMount.get(identity.mountId());
        if (store == null) {
            store = Files.getFileStore(host);
            storesByMount.put(identity.mountId(), store);
        }
        return store;
    }

    private static boolean isSubvolume(Path host, FileIdentity identity, java.nio.file.FileStore store) {
        return identity.inode() == 256 && "btrfs".equals(store.type());
    }

    /**
     * Read-only as upstream judges it: the path lies below {@code /usr}, or its file system is mounted
     * read-only, or (files and devices) nobody may write it. The immutable attribute of directories is not
     * looked at.
     */
    private static boolean isReadOnly(Path host, ImageType type, java.nio.file.FileStore store) {
        if (host.startsWith("/usr") || store.isReadOnly()) {
            return true;
        }
        try {
            if (type == ImageType.RAW || type == ImageType.BLOCK) {
                return (Inode.mode(host) & 0222) == 0;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private interface IoLong {
        long get() throws IOException;
    }

    private static long quietly(IoLong supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            return 0;
        }
    }
}
