package dev.confext.cli.ddi;

import dev.confext.core.api.Root;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiReader;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.RootHashSignatures;
import dev.confext.verity.api.SignatureVerificationException;
import dev.confext.verity.api.TrustedCertificates;
import dev.confext.verity.api.VerifiedSignature;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The {@code ddi} command line: {@code ddi inspect IMAGE [--json[=short|pretty]] [--root=DIR]} shows an image's
 * partitions with their roles, its verity parameters and root hash, and whether its signature verifies against
 * the {@code verity.d} certificates inside DIR (the host's without {@code --root}).
 */
public final class DdiCommand {
    private static final String HELP = """
            ddi inspect IMAGE [OPTIONS...]

            Show the partitions, dm-verity setup and signature of a Discoverable Disk Image
            or of a bare image with .roothash/.verity/.roothash.p7s files next to it.

              -h --help             Show this help
                 --json[=MODE]      Print JSON (short or pretty; short without a value)
                 --root=DIR         Look for verity.d certificates inside DIR (default: /)
            """;

    private DdiCommand() {}

    /** Runs the command and returns its exit status: 0 when the image was read, 1 otherwise. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream)} with the process environment given: the image is
     * read under its {@code $SYSTEMD_DISSECT_VERITY_*} switches ({@link DissectEnvironment}), as a merge would.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, java.util.Map<String, String> environment) {
        try {
            DdiCommandLine line = new DdiCommandLine();
            try {
                CommandLine picocli = new CommandLine(line);
                picocli.setExpandAtFiles(false);
                picocli.setUnmatchedArgumentsAllowed(false);
                picocli.parseArgs(java.util.Arrays.stream(args).map(a -> a.equals("--json") ? "--json=short" : a)
                        .toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                err.println("ddi: " + e.getMessage());
                return 1;
            }
            if (line.help) {
                out.print(HELP);
                return 0;
            }
            if (line.operands.isEmpty()) {
                err.println("ddi: no verb given (try 'ddi inspect IMAGE')");
                return 1;
            }
            if (!line.operands.get(0).equals("inspect")) {
                err.println("ddi: unknown verb '" + line.operands.get(0) + "'");
                return 1;
            }
            if (line.operands.size() != 2) {
                err.println("ddi: inspect takes exactly one IMAGE");
                return 1;
            }
            if (line.json != null && !line.json.equals("short") && !line.json.equals("pretty")) {
                err.println("ddi: unknown --json= mode '" + line.json + "' (short or pretty)");
                return 1;
            }
            Root root = line.root == null || line.root.isEmpty() ? Root.host() : Root.of(Path.of(line.root));
            return inspect(Path.of(line.operands.get(1)), root, Optional.ofNullable(line.json),
                    DissectEnvironment.of(environment), out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int inspect(Path path, Root root, Optional<String> json, DissectEnvironment environment,
            PrintStream out, PrintStream err) {
        DdiImage image;
        try {
            image = DdiReader.create().withEnvironment(environment).read(path);
        } catch (VerityException e) {
            err.println("Failed to read " + path + ": " + e.getMessage());
            return 1;
        }
        TrustedCertificates trusted = TrustedCertificates.of(java.util.List.of());
        Optional<VerifiedSignature> verified = Optional.empty();
        Optional<SignatureVerificationException> refused = Optional.empty();
        Optional<VerityInfo> verity = image.verity();
        if (verity.isPresent() && verity.get().signature().isPresent()) {
            trusted = TrustedCertificates.load(root);
            try {
                verified = Optional.of(RootHashSignatures.verify(verity.get().rootHash(),
                        verity.get().signature().get().der(), trusted));
            } catch (SignatureVerificationException e) {
                refused = Optional.of(e);
            }
        }
        InspectionResult result = new InspectionResult(image, root.path().toString(), trusted, verified, refused);
        if (json.isPresent()) {
            try {
                out.println(InspectJson.write(result, json.get().equals("pretty")));
            } catch (IOException e) {
                err.println("Failed to write JSON: " + e.getMessage());
                return 1;
            }
        } else {
            InspectText.print(result, out);
        }
        return 0;
    }
}
