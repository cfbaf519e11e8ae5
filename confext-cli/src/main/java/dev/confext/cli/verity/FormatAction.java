package dev.confext.cli.verity;

import dev.confext.verity.api.DataTooSmallException;
import dev.confext.verity.api.DeviceNotFoundException;
import dev.confext.verity.api.FecParameters;
import dev.confext.verity.api.InvalidFecParametersException;
import dev.confext.verity.api.TreeBuilder;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityParameters;
import dev.confext.verity.api.VerityTree;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** {@code verity format DATA HASH}: writes the tree and superblock, prints the header and root hash. */
final class FormatAction {
    private static final int PAGE_SIZE = 4096;
    private final VerityOptions options;
    private final PrintStream out;
    private final PrintStream err;

    FormatAction(VerityOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /**
     * Creates the hash or FEC image when missing, readable and writable by its owner only, as
     * veritysetup does; false after saying why not.
     */
    private boolean createImage(Path image, String what) {
        try {
            Files.createFile(image, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            err.println("Cannot create " + what + " image " + image + " for writing.");
            return false;
        }
        return true;
    }

    int run(String dataName, String hashName) {
        // like veritysetup, before looking at the parameters
        if (!createImage(Path.of(hashName), "hash")
                || options.fecDevice != null && !createImage(Path.of(options.fecDevice), "FEC")) {
            return VerityExit.INVALID;
        }
        VerityParameters parameters;
        try {
            parameters = ParametersFromOptions.of(options);
            if (parameters.dataBlockSize() > PAGE_SIZE) {
                err.println("WARNING: Kernel cannot activate device if data block size exceeds page size (" + PAGE_SIZE
                        + ").");
            }
            FecParameters fec = FecOptions.of(options);
            if (fec != null && Files.isSymbolicLink(fec.device()) && !Files.exists(fec.device())) {
                // veritysetup does not create an FEC image through a dangling link, and fails with this status
                err.println("Device " + fec.device() + " does not exist or access denied.");
                return VerityExit.OUT_OF_MEMORY;
            }
            TreeBuilder builder = Threads.format(options).newTreeBuilder(parameters, Path.of(dataName),
                    Path.of(hashName), Threads.progress(options, out, err));
            if (fec != null) {
                builder.withFec(fec);
            }
            VerityTree tree;
            try {
                tree = builder.build();
            } catch (InvalidFecParametersException e) {
                // veritysetup checks the FEC parameters twice on this path and says so twice
                err.println(e.getMessage());
                err.println(e.getMessage());
                return VerityExit.INVALID;
            }
            VerityHeaderPrinter.print(out, hashName,
                    VerityHeaderPrinter.Header.of(tree.parameters(), tree.geometry(), options.hash),
                    tree.rootHashHex(),
                    FecOptions.header(tree.parameters(), tree.geometry().dataBlocks(), Path.of(hashName), fec, err));
            if (options.rootHashFile != null) {
                try {
                    Files.write(Path.of(options.rootHashFile), tree.rootHashHex().getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    err.println("Cannot create root hash file " + options.rootHashFile + " for writing.");
                    return VerityExit.INVALID;
                }
            }
            return VerityExit.OK;
        } catch (IllegalArgumentException e) {
            return VerityExit.invalidParameter(err, options.verbose, hashName, e);
        } catch (DeviceNotFoundException e) {
            err.println(e.getMessage());
            return VerityExit.NO_DEVICE;
        } catch (DataTooSmallException e) {
            return VerityExit.dataTooSmall(err, options.verbose, dataName, e,
                    "Input/output error while creating hash area.");
        } catch (VerityException e) {
            err.println(e.getMessage());
            return VerityExit.INVALID;
        }
    }
}
