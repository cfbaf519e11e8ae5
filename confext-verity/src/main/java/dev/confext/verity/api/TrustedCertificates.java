package dev.confext.verity.api;

import dev.confext.core.api.Root;
import dev.confext.verity.signature.Certificates;
import dev.confext.verity.signature.VerityCertificateDirectories;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificates allowed to sign root hashes, as systemd finds them: the first PEM certificate of every
 * {@code *.crt} file in {@code /etc/verity.d/}, {@code /run/verity.d/}, {@code /usr/local/lib/verity.d/}
 * and {@code /usr/lib/verity.d/} inside a root. A file name in an earlier directory hides the same name in
 * later ones; an empty file or a symlink to {@code /dev/null} masks it.
 *
 * <p>Immutable.
 */
public final class TrustedCertificates {
    private final List<TrustedCertificate> certificates;
    private final List<SkippedCertificateFile> skipped;

    private TrustedCertificates(List<TrustedCertificate> certificates, List<SkippedCertificateFile> skipped) {
        this.certificates = List.copyOf(certificates);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Reads the {@code verity.d} directories inside {@code root}. Every lookup is confined to the root
     * (symlinks are resolved inside it). Missing directories and unusable files are not errors: unusable
     * files are listed in {@link #skipped()}.
     */
    public static TrustedCertificates load(Root root) {
        VerityCertificateDirectories.Result result = VerityCertificateDirectories.load(root);
        return new TrustedCertificates(result.certificates(), result.skipped());
    }

    /** Exactly these certificates, e.g. for tests or tools with their own trust store. */
    public static TrustedCertificates of(List<X509Certificate> certificates) {
        List<TrustedCertificate> trusted = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            trusted.add(Certificates.trusted(certificates.get(i), "certificate #" + (i + 1)));
        }
        return new TrustedCertificates(trusted, List.of());
    }

    /** The usable certificates, in file-name order. */
    public List<TrustedCertificate> certificates() {
        return certificates;
    }

    /** The {@code *.crt} files that gave no certificate, and why. */
    public List<SkippedCertificateFile> skipped() {
        return skipped;
    }

    /** True when there is no certificate at all. */
    public boolean isEmpty() {
        return certificates.isEmpty();
    }
}
