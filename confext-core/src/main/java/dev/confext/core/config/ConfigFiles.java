package dev.confext.core.config;

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

/**
 * Finds a main configuration file and its drop-ins inside a root: the main file is the first that
 * exists of {@code /etc}, {@code /run}, {@code /usr/local/lib}, {@code /usr/lib} + the relative name;
 * drop-ins are {@code *.conf} in {@code NAME.d/} of the same directories, an earlier directory hiding a
 * file of the same name in a later one, ordered by file name. A drop-in that is a symlink to
 * {@code /dev/null} only hides. Each file comes with the label systemd's warnings give it ({@link ConfigFile}).
 */
public final class ConfigFiles {
    static final List<String> DIRECTORIES = List.of("/etc", "/run", "/usr/local/lib", "/usr/lib");

    private ConfigFiles() {}

    /** The files to read, main file first, resolved inside the root. */
    public static List<ConfigFile> find(Root root, String relativeName) {
        List<ConfigFile> files = new ArrayList<>();
        Optional<ResolvedPath> main = Optional.empty();
        for (String dir : DIRECTORIES) {
            try {
                ResolvedPath p = root.resolve(dir + "/" + relativeName);
                if (Files.isRegularFile(p.hostPath())) {
                    main = Optional.of(p);
                    break;
                }
            } catch (ResolveException e) {
                // missing or unusable: try the next directory
            }
        }
        TreeMap<String, Optional<ResolvedPath>> dropIns = new TreeMap<>(Directories::compareBytes);
        for (String dir : DIRECTORIES) {
            ResolvedPath d;
            try {
                d = root.resolve(dir + "/" + relativeName + ".d");
            } catch (ResolveException e) {
                continue;
            }
            String[] entries;
            try {
                entries = Directories.list(d);
            } catch (ResolveException | IOException e) {
                continue;
            }
            for (String entry : entries) {
                if (!entry.endsWith(".conf") || dropIns.containsKey(entry)) {
                    continue;
                }
                String path = d.path() + "/" + entry;
                dropIns.put(entry, resolveDropIn(root, path));
            }
        }
        List<ResolvedPath> dropInFiles = new ArrayList<>();
        dropIns.values().forEach(p -> p.ifPresent(dropInFiles::add));
        ResolvedPath mainFile = main.orElse(null);
        if (mainFile != null && dropInFiles.stream().noneMatch(p -> sameFile(p, mainFile))) {
            files.add(new ConfigFile(mainFile, mainFile.path()));
        }
        for (ResolvedPath dropIn : dropInFiles) {
            files.add(new ConfigFile(dropIn, dropIn.path().substring(1)));
        }
        return files;
    }

    private static Optional<ResolvedPath> resolveDropIn(Root root, String path) {
        try {
            Path host = root.hostPath(path);
            if (Files.isSymbolicLink(host) && Files.readSymbolicLink(host).toString().equals("/dev/null")) {
                return Optional.empty();
            }
            ResolvedPath p = root.resolve(path);
            return Inode.of(p.hostPath()) == Inode.REGULAR ? Optional.of(p) : Optional.empty();
        } catch (ResolveException | IOException e) {
            return Optional.empty();
        }
    }

    private static boolean sameFile(ResolvedPath a, ResolvedPath b) {
        try {
            return Files.isSameFile(a.hostPath(), b.hostPath());
        } catch (IOException e) {
            return false;
        }
    }
}
