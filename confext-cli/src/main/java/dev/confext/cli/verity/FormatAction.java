package dev.confext.cli.verity;

import dev.confext.verity.api.DataTooSmallException;
import dev.confext.verity.api.DeviceNotFoundException;
import dev.confext.verity.api.FecParameters;
import dev.confext.verity.api.InvalidFecParametersException;
import dev.confext.verity.api.InvalidVerityParameterException;
import dev.confext.verity.api.TreeBuilder;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityFormat;
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

    /**
     * Whether data and hash are one file and the data blocks reach the hash offset (veritysetup's check, made
     * before it looks at the algorithm); a count that overflows is taken as reaching it.
     */
    private boolean overlapsHashArea(Path data, Path hash) throws VerityException {
        try {
            if (!Files.isSameFile(data, hash)) {
                return false;
            }
            long blocks = options.dataBlocks != 0 ? options.dataBlocks : Files.size(data) / options.dataBlockSize;
            return blocks < 0 || Math.multiplyHigh(blocks, options.dataBlockSize) != 0
                    || blocks * options.dataBlockSize > options.hashOffset;
        } catch (IOException e) {
            throw new VerityException("Cannot read " + data + ": " + e.getMessage(), e);
        }
    }

    /**
     * What veritysetup's tree building would fail on, checked before the UUID it reads only afterwards: a tree of
     * no whole block ("Hash area overflow."), sizes that overflow, a data device shorter than the blocks asked
     * for (it fails reading, after writing part of the tree; we write nothing). Null when the tree can be built.
     */
    private Integer treeFailure(VerityParameters parameters, Path data) throws VerityException {
        long available;
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(data)) {
            available = channel.size() / parameters.dataBlockSize();
        } catch (IOException e) {
            throw new VerityException("Cannot read " + data + ": " + e.getMessage(), e);
        }
        long blocks = parameters.dataBlocks().orElse(available);
        if (blocks == 0) {
            err.println("Hash area overflow.");
            return VerityExit.INVALID;
        }
        parameters.geometry(blocks);
        if (blocks > available) {
            err.println("Input/output error while creating hash area.");
            return VerityExit.INVALID;
        }
        return null;
    }

    int run(String dataName, String hashName) {
        // like veritysetup, before looking at the parameters
        if (!createImage(Path.of(hashName), "hash")
                || options.fecDevice != null && !createImage(Path.of(options.fecDevice), "FEC")) {
            return VerityExit.INVALID;
        }
        Path data = Path.of(dataName);
        Path hash = Path.of(hashName);
        try {
            // the checks come in veritysetup's order, so that the first problem reported is the one it reports
            VerityFormat.checkDevice(hash);
            byte[] salt = options.salt == null ? null : VerityParameters.parseSalt(options.salt);
            VerityParameters.Builder chosen = ParametersFromOptions.layout(options);
            VerityFormat.checkDataDevice(data);
            if (overlapsHashArea(data, hash)) {
                err.println("Data area overlaps with hash area.");
                return VerityExit.INVALID;
            }
            chosen.algorithm(options.hash);
            FecParameters fec = FecOptions.of(options);
            if (fec != null && Files.isSymbolicLink(fec.device()) && !Files.exists(fec.device())) {
                // veritysetup does not create an FEC image through a dangling link, and fails with this status
                err.println("Device " + fec.device() + " does not exist or access denied.");
                return VerityExit.OUT_OF_MEMORY;
            }
            if (salt != null) {
                try {
                    chosen.salt(salt);
                } catch (InvalidVerityParameterException e) {
                    // a salt above 256 bytes: veritysetup refuses it without a word
                    return VerityExit.invalidParameter(err, options.verbose, hashName, e);
                }
            }
            if (options.dataBlockSize > PAGE_SIZE) {
                err.println("WARNING: Kernel cannot activate device if data block size exceeds page size (" + PAGE_SIZE
                        + ").");
            }
            chosen.dataBlocks(options.dataBlocks); // a count past 2^63 overflows only now, as in veritysetup
            Integer treeFailure = treeFailure(chosen.build(), data);
            if (treeFailure != null) {
                return treeFailure;
            }
            if (!options.noSuperblock && options.uuid != null) {
                // veritysetup reads the UUID only to write the superblock, after the tree; we refuse it before
                // writing anything, and ignore it without a superblock as it does
                chosen.uuid(options.uuid);
            }
            VerityParameters parameters = chosen.build();
            TreeBuilder builder = Threads.format(options).newTreeBuilder(parameters, data, hash,
                    Threads.progress(options, out, err));
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
            if (options.verbose && e.getCause() != null) {
                err.println(e.getCause().getMessage());
            }
            err.println(e.getMessage());
            return VerityExit.INVALID;
        }
    }
}
