package dev.confext.core.discovery;

import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.ResolvedPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Lists a directory in a fixed order. */
public final class Directories {
    private Directories() {}

    /**
     * The entry names of {@code directory} (without {@code .} and {@code ..}), sorted byte-wise by their
     * UTF-8 encoding, so that results do not depend on readdir order.
     *
     * @throws IOException when the directory cannot be opened or read
     */
    public static String[] list(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                names.add(entry.getFileName().toString());
            }
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
        String[] result = names.toArray(String[]::new);
        Arrays.sort(result, Directories::compareBytes);
        return result;
    }

    /**
     * The entry names of the directory {@code directory} resolved to, listed through a descriptor opened
     * inside its root: if the tree changed since the lookup (a component replaced by a symlink), the listing
     * still cannot show a directory outside the root.
     *
     * @throws ResolveException when the directory cannot be opened inside the root
     * @throws IOException      when it cannot be read
     */
    public static String[] list(ResolvedPath directory) throws ResolveException, IOException {
        try (OpenedPath opened = directory.root().open(directory.path(), ResolveOption.NOFOLLOW,
                ResolveOption.DIRECTORY)) {
            return list(opened.procPath());
        }
    }

    /** {@code strcmp} order of the UTF-8 forms. */
    public static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
