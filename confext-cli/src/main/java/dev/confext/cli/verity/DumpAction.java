package dev.confext.cli.verity;

import dev.confext.verity.api.DeviceNotFoundException;
import dev.confext.verity.api.FecParameters;
import dev.confext.verity.api.InvalidSuperblockException;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VeritySuperblock;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code verity dump HASH}: prints the superblock at {@code --hash-offset} as veritysetup does. */
final class DumpAction {
    private final VerityOptions options;
    private final PrintStream out;
    private final PrintStream err;

    DumpAction(VerityOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run(String hashName) {
        try {
            VeritySuperblock superblock = VeritySuperblock.read(Path.of(hashName), options.hashOffset);
            FecParameters fec = FecOptions.of(options);
            Integer missing = FecOptions.missingDevice(fec, hashName, err);
            if (missing != null) {
                return missing;
            }
            // a count above Long.MAX_VALUE makes no parameters; veritysetup prints it all the same
            FecOptions.FecHeader fecHeader = superblock.dataBlocks() < 0 ? null
                    : FecOptions.header(superblock.toParameters(options.hashOffset), superblock.dataBlocks(),
                            Path.of(hashName), fec, err);
            VerityHeaderPrinter.print(out, hashName, VerityHeaderPrinter.Header.of(superblock, options.hashOffset),
                    null, fecHeader);
            return VerityExit.OK;
        } catch (DeviceNotFoundException e) {
            err.println(e.getMessage());
            return VerityExit.NO_DEVICE;
        } catch (InvalidSuperblockException e) {
            return VerityExit.notVerityDevice(err, options.verbose, hashName, e);
        } catch (VerityException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return VerityExit.INVALID;
        }
    }
}
