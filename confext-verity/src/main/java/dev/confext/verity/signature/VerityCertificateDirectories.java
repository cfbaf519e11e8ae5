package dev.confext.verity.signature;

import dev.confext.core.api.OpenedPath;
import dev.confext.core.api.ResolveException;
import dev.confext.core.api.ResolveOption;
import dev.confext.core.api.Root;
import dev.confext.verity.api.SkippedCertificateFile;
import dev.confext.verity.api.TrustedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects the {@code *.crt} files of the {@code verity.d} directories inside a root with drop-in
 * semantics: a file name found in an earlier directory hides the same name in later ones, and a file that
 * is empty or a symlink to {@code /dev/null} masks that name. Every lookup goes through
 * {@link Root#open} and files are read through the descriptor it returns, so nothing outside the root is
 * read, even when the tree changes meanwhile.
 */
public final class VerityCertificateDirectories {
    /** The directories searched, highest priority first. */
    public static final List<String> DIRECTORIES =
            List.of("/etc/verity.d", "/run/verity.d", "/usr/local/lib/verity.d", "/usr/lib/verity.d");

    /** The certificates found and the files that gave none. */
    public record Result(List<TrustedCertificate> certificates, List<SkippedCertificateFile> skipped) {
        public Result {
            certificates = List.copyOf(certificates);
            skipped = List.copyOf(skipped);
        }
    }

    private VerityCertificateDirectories() {}

    /**
     * Reads the certificates of {@code root}'s {@code verity.d} directories, in file-name order. A missing
     * directory is not an error; an unreadable file is skipped and listed in {@link Result#skipped()}.
     */
    public static Result load(Root root) {
        TreeMap<String, String> winners = new TreeMap<>();
        for (String directory : DIRECTORIES) {
            for (String name : crtNames(root, directory)) {
                winners.putIfAbsent(name, directory + "/" + name);
            }
        }
        List<TrustedCertificate> certificates = new ArrayList<>();
        List<SkippedCertificateFile> skipped = new ArrayList<>();
        for (String path : winners.values()) {
            read(root, path, certificates, skipped);
        }
        return new Result(certificates, skipped);
    }

    private static List<String> crtNames(Root root, String directory) {
        List<String> names = new ArrayList<>();
        // listed through a descriptor opened inside the root, so a directory swapped for a link after the
        // lookup cannot show names from outside
        try (OpenedPath opened = root.open(directory, ResolveOption.DIRECTORY);
                DirectoryStream<Path> entries = Files.newDirectoryStream(opened.procPath())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".crt") && !name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (ResolveException | IOException e) {
            // A missing or unreadable directory contributes nothing, as upstream's enumeration does.
        }
        return names;
    }

    private static void read(Root root, String path, List<TrustedCertificate> certificates,
            List<SkippedCertificateFile> skipped) {
        if (isLinkToDevNull(root, path)) {
            skipped.add(new SkippedCertificateFile(path, "masked (symlink to /dev/null)"));
            return;
        }
        byte[] content;
        // opened inside the root and read through its descriptor: what is read is what was resolved
        try (OpenedPath opened = root.open(path)) {
            Path inode = opened.procPath();
            LinkOption[] how = opened.pinned() ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
            if (isNullDevice(inode, how)) {
                skipped.add(new SkippedCertificateFile(path, "masked (/dev/null)"));
                return;
            }
            if (!Files.isRegularFile(inode, how)) {
                skipped.add(new SkippedCertificateFile(path, "not a regular file"));
                return;
            }
            try (InputStream in = Channels.newInputStream(opened.openChannel())) {
                content = in.readNBytes(MAX_CERTIFICATE_BYTES + 1);
            }
            if (content.length > MAX_CERTIFICATE_BYTES) {
                skipped.add(new SkippedCertificateFile(path, "larger than " + MAX_CERTIFICATE_BYTES + " bytes"));
                return;
            }
        } catch (ResolveException e) {
            skipped.add(new SkippedCertificateFile(path, "cannot be resolved inside the root: " + e.errno().text()));
            return;
        } catch (IOException e) {
            skipped.add(new SkippedCertificateFile(path, "unreadable: " + e.getMessage()));
            return;
        }
        if (content.length == 0) {
            skipped.add(new SkippedCertificateFile(path, "masked (empty file)"));
            return;
        }
        Optional<X509Certificate> certificate = PemCertificate.first(content);
        if (certificate.isEmpty()) {
            skipped.add(new SkippedCertificateFile(path, "no PEM certificate"));
            return;
        }
        certificates.add(Certificates.trusted(certificate.get(), path));
    }

    private static boolean isLinkToDevNull(Root root, String path) {
        try {
            Path link = root.resolve(path, ResolveOption.NOFOLLOW).hostPath();
            return Files.isSymbolicLink(link) && Files.readSymbolicLink(link).toString().equals("/dev/null");
        } catch (ResolveException | IOException e) {
            return false;
        }
    }

    private static boolean isNullDevice(Path host, LinkOption... how) {
        try {
            Object rdev = Files.getAttribute(host, "unix:rdev", how);
            return !Files.isRegularFile(host, how) && !Files.isDirectory(host, how)
                    && rdev instanceof Long value && value == DEV_NULL_RDEV;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A certificate file larger than this is not read (a PEM certificate is a few KiB). */
    private static final int MAX_CERTIFICATE_BYTES = 1024 * 1024;

    /** makedev(1, 3) on Linux. */
    private static final long DEV_NULL_RDEV = (1L << 8) | 3L;
}
