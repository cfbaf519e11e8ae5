package dev.confext.cli.verity;

import dev.confext.verity.api.DeviceNotFoundException;
import dev.confext.verity.api.InvalidSuperblockException;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityFailure;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VeritySuperblock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;

/** {@code verity verify DATA HASH [ROOT]}: checks everything as {@code veritysetup verify} and reports the same way. */
final class VerifyAction {
    private final VerityOptions options;
    private final PrintStream out;
    private final PrintStream err;

    VerifyAction(VerityOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run(String dataName, String hashName, String rootHashText) {
        Path data = Path.of(dataName);
        Path hash = Path.of(hashName);
        try {
            VerityParameters parameters;
            if (options.noSuperblock) {
                parameters = ParametersFromOptions.of(options);
            } else {
                try {
                    parameters = VeritySuperblock.read(hash, options.hashOffset).toParameters(options.hashOffset);
                } catch (InvalidSuperblockException e) {
                    err.println(e.getMessage());
                    err.println("Device " + hashName + " is not a valid VERITY device.");
                    return VerityExit.INVALID;
                }
            }
            int digestSize = parameters.algorithm().digestSize();
            if (rootHashText == null) {
                rootHashText = readRootHashFile(digestSize * 2);
                if (rootHashText == null) {
                    return VerityExit.INVALID;
                }
            }
            byte[] rootHash;
            try {
                rootHash = HexFormat.of().parseHex(rootHashText);
            } catch (IllegalArgumentException e) {
                rootHash = null;
            }
            if (rootHash == null || rootHash.length != digestSize) {
                err.println("Invalid root hash string specified.");
                return VerityExit.INVALID;
            }
            VerityFormat format = Threads.format(options);
            VerificationResult result = format.verify(parameters, data, hash, rootHash, Threads.progress(err));
            if (result.intact()) {
                return VerityExit.OK;
            }
            VerityFailure failure = result.failure().get();
            if (failure.kind() == VerityFailure.Kind.ROOT_MISMATCH) {
                err.println(failure.message());
                return VerityExit.INVALID;
            }
            err.println(failure.message());
            err.println("Verification of data area failed.");
            return VerityExit.VERIFICATION_FAILED;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return VerityExit.INVALID;
        } catch (DeviceNotFoundException e) {
            err.println(e.getMessage());
            return VerityExit.NO_DEVICE;
        } catch (VerityException e) {
            err.println(e.getMessage());
            err.println("Verification of data area failed.");
            return VerityExit.INVALID;
        }
    }

    /** The first {@code length} characters of {@code --root-hash-file}, or null after printing why not. */
    private String readRootHashFile(int length) {
        Path file = Path.of(options.rootHashFile);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)
                    || Files.size(file) < length) {
                err.println("Invalid root hash file " + options.rootHashFile + ".");
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            err.println("Cannot read root hash file " + options.rootHashFile + ".");
            return null;
        }
    }
}
