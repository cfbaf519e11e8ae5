package dev.confext.mount.plan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The overlay mounted over one hierarchy.
 *
 * @param layers       lower directories, top to bottom (metadata first, host last)
 * @param upper        the writable upper directory, absent for a read-only merge
 * @param flags        mount flags of the merged tree ({@code ro} only without an upper directory)
 * @param extraOptions what is appended to the option string after {@code lowerdir}/{@code upperdir}/{@code workdir}:
 *                     the overlay-options variable when set (even empty, then nothing is appended), else in mutable
 *                     mode {@code redirect_dir=on,noatime,metacopy=off,index=off}, else nothing
 * @param metaMode     permission bits the metadata directory gets when it is the top layer (read-only merge)
 * @param metadata     the metadata files written into the merged tree
 */
public record Overlay(List<Layer> layers, Optional<Upper> upper, MountFlags flags, String extraOptions, int metaMode,
        MetadataFiles metadata) {

    /** The mount type. */
    public static final String FILESYSTEM_TYPE = "overlay";

    public Overlay {
        layers = List.copyOf(layers);
        upper = upper == null ? Optional.empty() : upper;
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(extraOptions, "extraOptions");
        Objects.requireNonNull(metadata, "metadata");
        if (layers.isEmpty() || layers.get(0).kind() != Layer.Kind.META) {
            throw new IllegalArgumentException("the metadata directory must be the top-most layer");
        }
        if (upper.isPresent() == flags.readOnly()) {
            throw new IllegalArgumentException("an overlay is read-only exactly when it has no upper directory");
        }
    }

    /** Whether some layer still depends on an image that is not mounted yet. */
    public boolean hasConditionalLayers() {
        return layers.stream().anyMatch(Layer::conditional);
    }

    /** Option words that are mount flags, not overlayfs options; they are taken out of the data string. */
    static final java.util.Set<String> FLAG_WORDS = java.util.Set.of("ro", "rw", "nosuid", "suid", "nodev", "dev",
            "noexec", "exec", "noatime", "atime", "relatime", "norelatime", "strictatime", "nostrictatime",
            "nodiratime", "diratime", "lazytime", "nolazytime", "sync", "async", "dirsync", "silent", "loud");

    /**
     * {@link #extraOptions} without the words that are mount flags ({@code noatime}, {@code nosuid}, ...),
     * which the kernel takes as flags and {@link #flags} already carries.
     */
    public String dataOptions() {
        return String.join(",", java.util.Arrays.stream(extraOptions.split(","))
                .filter(o -> !o.isEmpty() && !FLAG_WORDS.contains(o)).toList());
    }

    /**
     * The option string passed to the kernel: {@code lowerdir=A:B[,upperdir=U,workdir=W][,OPTS]} with every
     * path escaped by {@link #escapePath} and OPTS = {@link #dataOptions()}.
     *
     * @param layers  the lower directories actually used (the planned ones minus conditional layers found unused)
     * @param root    the target root's path
     * @param staging the staging area's path
     */
    public String mountData(List<Layer> layers, Path root, Path staging) {
        StringBuilder data = new StringBuilder("lowerdir=");
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0) {
                data.append(':');
            }
            data.append(escapePath(layers.get(i).path().toHostPath(root, staging).toString()));
        }
        upper.ifPresent(u -> data.append(",upperdir=").append(escapePath(u.path().toHostPath(root, staging).toString()))
                .append(",workdir=").append(escapePath(u.workdir().toHostPath(root, staging).toString())));
        String options = dataOptions();
        if (!options.isEmpty()) {
            data.append(',').append(options);
        }
        return data.toString();
    }

    /** {@link #mountData(List, Path, Path)} with the planned layers. */
    public String mountData(Path root, Path staging) {
        return mountData(layers, root, staging);
    }

    /**
     * Escapes one path for an overlayfs option string: {@code \}, {@code ,} and {@code :} get a backslash in
     * front, control bytes and bytes of invalid UTF-8 become C escapes ({@code \n}, {@code \t}, {@code \ooo}).
     */
    public static String escapePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\\' || b == ',' || b == ':') {
                out.append('\\').append((char) b);
            } else if (b < 0x20 || b == 0x7f) {
                out.append(CEscape.escapeControl(b));
            } else if (b < 0x80) {
                out.append((char) b);
            } else {
                int length = CEscape.utf8SequenceLength(bytes, i);
                if (length == 0) {
                    out.append(CEscape.octal(b));
                } else {
                    out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                    i += length - 1;
                }
            }
        }
        return out.toString();
    }
}
