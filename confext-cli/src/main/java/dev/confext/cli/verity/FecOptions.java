package dev.confext.cli.verity;

import dev.confext.verity.api.FecGeometry;
import dev.confext.verity.api.FecParameters;
import dev.confext.verity.api.InvalidFecParametersException;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --fec-*} options: the parameters they name and the FEC lines of the header. */
final class FecOptions {
    private FecOptions() {}

    /** The FEC parameters, or null without {@code --fec-device}. */
    static FecParameters of(VerityOptions o) {
        if (o.fecDevice == null) {
            return null;
        }
        return new FecParameters(Path.of(o.fecDevice), o.fecRoots, o.fecOffset);
    }

    /**
     * With a superblock, veritysetup refuses a named FEC device that does not exist before reading anything
     * else: says so as it does and returns its status, or null when there is no FEC device or it exists.
     */
    static Integer missingDevice(FecParameters fec, String hashName, PrintStream err) {
        if (fec == null || Files.exists(fec.device())) {
            return null;
        }
        err.println("Device " + fec.device() + " does not exist or access denied.");
        err.println("Device " + hashName + " is not a valid VERITY device.");
        return VerityExit.NO_DEVICE;
    }

    /**
     * What the header shows of the FEC area as the hash device is now, or null when there is none or
     * veritysetup would not show it (it then prints why on standard error, once).
     */
    static FecHeader header(VerityParameters parameters, long dataBlocks, Path hash, FecParameters fec,
            PrintStream err) {
        if (fec == null || fec.roots() == 0) {
            return null;
        }
        try {
            FecGeometry geometry = FecGeometry.of(parameters, dataBlocks, hash, fec);
            return new FecHeader(geometry, sameFile(hash, fec.device()), fec.offset());
        } catch (InvalidFecParametersException e) {
            err.println(e.getMessage());
            return null;
        } catch (VerityException e) {
            return null;
        }
    }

    static boolean sameFile(Path a, Path b) {
        try {
            return a.equals(b) || Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The FEC part of the header. */
    record FecHeader(FecGeometry geometry, boolean onHashDevice, long offset) {}
}
