package dev.confext.core.discovery;

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

    /** {@code strcmp} order of the UTF-8 forms. */
    public static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
