package dev.confext.core.config;

import dev.confext.core.api.Errno;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolvedPath;
import dev.confext.core.api.Root;
import dev.confext.core.discovery.Directories;
import dev.confext.core.discovery.Inode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Finds a main configuration file and its drop-ins inside a root: the main file is the first that
 * exists of {@code /etc}, {@code /run}, {@code /usr/local/lib}, {@code /usr/lib} + the relative name;
 * drop-ins are {@code *.conf} in {@code NAME.d/} of the same directories, an earlier directory hiding a
 * file of the same name in a later one (unless its path cannot be followed: it is then skipped with a
 * warning), ordered by file name. A drop-in that is a symlink to
 * {@code /dev/null} only hides. Each file comes with the label systemd's warnings give it ({@link ConfigFile}).
 */
public final class ConfigFiles {
    static final List<String> DIRECTORIES = List.of("/etc", "/run", "/usr/local/lib", "/usr/lib");

    private ConfigFiles() {}

    /**
     * The files to read, main file first, resolved inside the root, in systemd's order of checks: the
     * drop-in directories (one that exists but cannot be opened is skipped with a warning), the drop-ins
     * (one whose path cannot be followed is skipped with a warning; one that resolves to something other than a
     * regular file fails), then the main file (the first that exists; one
     * that cannot be opened as a regular file fails).
     *
     * @param warnings receives the warnings about skipped drop-in directories and drop-ins
     * @throws IniParseException "Failed to open FILE: ERROR" for a drop-in or main file that exists but is
     *                           a directory ({@code EISDIR}) or another non-regular file ({@code EBADFD}), or
     *                           a main file that cannot be resolved (a symlink loop, ...); nothing of the
     *                           configuration applies
     */
    public static List<ConfigFile> find(Root root, String relativeName, Consumer<String> warnings)
            throws IniParseException {
        TreeMap<String, String> dropInPaths = new TreeMap<>(Directories::compareBytes);
        for (String dir : DIRECTORIES) {
            String[] entries;
            ResolvedPath d;
            try {
                d = root.resolve(dir + "/" + relativeName + ".d");
                entries = Directories.list(d);
            } catch (ResolveException e) {
                warnUnlessMissing(warnings, dir, relativeName, e.errno());
                continue;
            } catch (IOException e) {
                warnUnlessMissing(warnings, dir, relativeName, Inode.errnoOf(e));
                continue;
            }
            for (String entry : entries) {
                if (entry.endsWith(".conf") && !dropInPaths.containsKey(entry)
                        && resolvable(root, d.path() + "/" + entry, dir + "//" + relativeName + ".d/" + entry, warnings)) {
                    dropInPaths.put(entry, d.path() + "/" + entry);
                }
            }
        }
        List<ResolvedPath> dropInFiles = new ArrayList<>();
        for (String path : dropInPaths.values()) {
            resolveDropIn(root, path).ifPresent(dropInFiles::add);
        }
        Optional<ResolvedPath> main = Optional.empty();
        for (String dir : DIRECTORIES) {
            Optional<ResolvedPath> p = openRegular(root, dir + "/" + relativeName, dir + "/" + relativeName);
            if (p.isPresent()) {
                main = p;
                break;
            }
        }
        List<ConfigFile> files = new ArrayList<>();
        ResolvedPath mainFile = main.orElse(null);
        if (mainFile != null && dropInFiles.stream().noneMatch(p -> sameFile(p, mainFile))) {
            files.add(new ConfigFile(mainFile, mainFile.path()));
        }
        for (ResolvedPath dropIn : dropInFiles) {
            files.add(new ConfigFile(dropIn, dropIn.path().substring(1)));
        }
        return files;
    }

    /**
     * Whether a drop-in can take its name: one whose path cannot be followed (a symlink loop, a file where a
     * directory should be, ...) is skipped with a warning and leaves the name to a later directory, while a
     * dangling one keeps the name and is skipped later without a word.
     */
    private static boolean resolvable(Root root, String path, String label, Consumer<String> warnings) {
        Errno errno;
        try {
            root.resolve(path);
            return true;
        } catch (ResolveException e) {
            errno = e.errno();
        }
        if (errno == Errno.ENOENT) {
            return true;
        }
        warnings.accept("Failed to chase '" + label + "': " + errno.text());
        return false;
    }

    private static void warnUnlessMissing(Consumer<String> warnings, String dir, String relativeName, Errno errno) {
        if (errno != Errno.ENOENT) {
            warnings.accept("Failed to chase and open directory '" + dir + "//" + relativeName + ".d', ignoring: "
                    + errno.text());
        }
    }

    private static Optional<ResolvedPath> resolveDropIn(Root root, String path) throws IniParseException {
        Path host = root.hostPath(path);
        try {
            if (Files.isSymbolicLink(host) && Files.readSymbolicLink(host).toString().equals("/dev/null")) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return openRegular(root, path, path.substring(1));
    }

    /** The regular file at {@code path}; empty when nothing is there; fails for anything else. */
    private static Optional<ResolvedPath> openRegular(Root root, String path, String label) throws IniParseException {
        ResolvedPath p;
        Inode inode;
        try {
            p = root.resolve(path);
            inode = Inode.of(p.hostPath());
        } catch (ResolveException e) {
            return failUnlessMissing(label, e.errno());
        } catch (IOException e) {
            return failUnlessMissing(label, Inode.errnoOf(e));
        }
        return switch (inode) {
            case REGULAR -> Optional.of(p);
            case DIRECTORY -> failUnlessMissing(label, Errno.EISDIR);
            default -> failUnlessMissing(label, Errno.EBADFD);
        };
    }

    private static Optional<ResolvedPath> failUnlessMissing(String label, Errno errno) throws IniParseException {
        if (errno == Errno.ENOENT) {
            return Optional.empty();
        }
        throw new IniParseException("Failed to open " + label + ": " + errno.text(), errno, null);
    }

    private static boolean sameFile(ResolvedPath a, ResolvedPath b) {
        try {
            return Files.isSameFile(a.hostPath(), b.hostPath());
        } catch (IOException e) {
            return false;
        }
    }
}
