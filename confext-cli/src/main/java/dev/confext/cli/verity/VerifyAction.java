package dev.confext.cli.verity;

import dev.confext.verity.api.DataTooSmallException;
import dev.confext.verity.api.DeviceNotFoundException;
import dev.confext.verity.api.FecCheck;
import dev.confext.verity.api.FecGeometry;
import dev.confext.verity.api.FecParameters;
import dev.confext.verity.api.InvalidFecParametersException;
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
            // as veritysetup: the hash device, then the data device, before the superblock or any parameter
            VerityFormat.checkDevice(hash);
            VerityFormat.checkDataDevice(data);
            VerityParameters parameters;
            FecParameters fec = FecOptions.of(options);
            if (options.noSuperblock) {
                parameters = ParametersFromOptions.of(options);
                if (fec != null) {
                    Integer status = checkFecPlacement(parameters, data, hash, fec);
                    if (status != null) {
                        return status;
                    }
                }
            } else {
                try {
                    parameters = VeritySuperblock.read(hash, options.hashOffset).toParameters(options.hashOffset);
                } catch (InvalidSuperblockException e) {
                    return VerityExit.notVerityDevice(err, options.verbose, hashName, e);
                }
                Integer missing = FecOptions.missingDevice(fec, hashName, err);
                if (missing != null) {
                    return missing;
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
            VerificationResult result = format.verify(parameters, data, hash, rootHash,
                    Threads.progress(options, out, err));
            if (result.intact()) {
                return VerityExit.OK;
            }
            VerityFailure failure = result.failure().get();
            boolean rootMismatch = failure.kind() == VerityFailure.Kind.ROOT_MISMATCH;
            err.println(failure.message());
            if (!rootMismatch) {
                err.println("Verification of data area failed.");
            }
            if (fec != null) {
                return repairWithFec(format, parameters.toBuilder().dataBlocks(result.geometry().dataBlocks()).build(),
                        data, hash, fec, rootMismatch);
            }
            return rootMismatch ? VerityExit.INVALID : VerityExit.VERIFICATION_FAILED;
        } catch (IllegalArgumentException e) {
            return VerityExit.invalidParameter(err, options.verbose, hashName, e);
        } catch (DeviceNotFoundException e) {
            err.println(e.getMessage());
            return VerityExit.NO_DEVICE;
        } catch (DataTooSmallException e) {
            return VerityExit.dataTooSmall(err, options.verbose, dataName, e, "Verification of data area failed.");
        } catch (VerityException e) {
            if (options.verbose) {
                err.println(e.getMessage()); // veritysetup says only the line below, e.g. for a truncated hash device
            }
            err.println("Verification of data area failed.");
            return VerityExit.INVALID;
        }
    }

    /**
     * What veritysetup does after a failed verification when given an FEC device: decode every
     * codeword; success when all can be repaired, except that a root hash mismatch stays a failure
     * (the repaired data could not be proven).
     */
    private int repairWithFec(VerityFormat format, VerityParameters parameters, Path data, Path hash,
            FecParameters fec, boolean rootMismatch) {
        int status;
        try {
            FecCheck check = format.checkFec(parameters, data, hash, fec);
            if (check.repairable()) {
                if (check.errors() > 0) {
                    err.println("Found " + check.errors() + " repairable errors with FEC device.");
                }
                status = VerityExit.OK;
            } else {
                err.println("Failed to repair parity for block " + check.unrepairableRound().getAsLong() + ".");
                err.println("Errors cannot be repaired with FEC device.");
                status = VerityExit.VERIFICATION_FAILED;
            }
        } catch (InvalidFecParametersException e) {
            // checked twice by veritysetup on this path, reported twice
            err.println(e.getMessage());
            err.println(e.getMessage());
            err.println("Errors cannot be repaired with FEC device.");
            status = VerityExit.INVALID;
        } catch (VerityException e) {
            err.println(e.getMessage());
            err.println("Errors cannot be repaired with FEC device.");
            status = VerityExit.INVALID;
        }
        return rootMismatch ? VerityExit.VERIFICATION_FAILED : status;
    }

    /**
     * Without a superblock veritysetup checks the FEC area's placement and the FEC device's existence
     * before verifying; returns the exit status after saying what is wrong, or null.
     */
    private Integer checkFecPlacement(VerityParameters parameters, Path data, Path hash, FecParameters fec) {
        if (!fec.offsetAligned()) {
            err.println("Unsupported VERITY FEC offset.");
            return VerityExit.INVALID;
        }
        if (!Files.exists(fec.device())) {
            err.println("Device " + fec.device() + " does not exist or access denied.");
            return VerityExit.OUT_OF_MEMORY;
        }
        long blocks;
        try {
            blocks = parameters.dataBlocks().isPresent() ? parameters.dataBlocks().getAsLong()
                    : Files.size(data) / parameters.dataBlockSize();
        } catch (IOException e) {
            return null; // the verification reports the missing data device
        }
        try {
            FecGeometry.checkPlacement(parameters, blocks, data, hash, fec);
        } catch (VerityException e) {
            err.println(e.getMessage());
            return VerityExit.INVALID;
        }
        return null;
    }

    /**
     * The first {@code length} characters of {@code --root-hash-file}, or null after printing why not, with
     * veritysetup's messages. One
     * deliberate difference: for a file that cannot be opened veritysetup 2.6 prints its message but exits 0
     * without verifying anything; this exits 1.
     */
    private String readRootHashFile(int length) {
        Path file = Path.of(options.rootHashFile);
        try {
            if (!Files.exists(file) || !Files.isReadable(file)) {
                err.println("Cannot read root hash file " + options.rootHashFile + ".");
                return null;
            }
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
