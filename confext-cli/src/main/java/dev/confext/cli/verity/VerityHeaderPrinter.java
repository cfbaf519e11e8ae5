package dev.confext.cli.verity;

import dev.confext.verity.api.VerityGeometry;
import dev.confext.verity.api.VerityParameters;
import java.io.PrintStream;

/** The "VERITY header information" block that veritysetup prints after {@code format} and for {@code dump}. */
final class VerityHeaderPrinter {
    private VerityHeaderPrinter() {}

    /**
     * Prints the block for {@code hashDevice}; {@code rootHashHex} may be null (dump). The hash device
     * size line appears only for a zero hash offset, as in veritysetup.
     */
    static void print(PrintStream out, String hashDevice, VerityParameters p, VerityGeometry g, String rootHashHex) {
        print(out, hashDevice, p, g, rootHashHex, null, p.algorithm().veritySetupName());
    }

    /**
     * As {@link #print(PrintStream, String, VerityParameters, VerityGeometry, String)} with the FEC
     * lines of {@code fec} (null for none): roots and parity blocks, the parity counted in the hash
     * device size when it lives there, and the FEC device size for a separate device at offset 0.
     * The algorithm is shown as {@code algorithmName}: after {@code format}, veritysetup shows the
     * name as typed ({@code SHA256}), while the superblock holds it in lowercase.
     */
    static void print(PrintStream out, String hashDevice, VerityParameters p, VerityGeometry g, String rootHashHex,
            FecOptions.FecHeader fec, String algorithmName) {
        out.println("VERITY header information for " + hashDevice);
        out.println("UUID:            \t" + (p.superblock() ? p.uuid().toString() : ""));
        out.println("Hash type:       \t" + p.format());
        out.println("Data blocks:     \t" + g.dataBlocks());
        out.println("Data block size: \t" + p.dataBlockSize());
        out.println("Hash blocks:     \t" + g.treeBlocks());
        out.println("Hash block size: \t" + p.hashBlockSize());
        out.println("Hash algorithm:  \t" + algorithmName);
        if (fec != null && fec.geometry().coveredBlocks() > 0) {
            out.println("FEC RS roots:   \t" + fec.geometry().roots());
            out.println("FEC blocks:     \t" + fec.geometry().parityBlocks());
        }
        out.println("Salt:            \t" + p.saltHex());
        if (rootHashHex != null) {
            out.println("Root hash:      \t" + rootHashHex);
        }
        if (p.hashOffset() == 0) {
            long parity = fec != null && fec.onHashDevice() ? fec.geometry().parityBlocks() * p.hashBlockSize() : 0;
            out.println("Hash device size: \t" + (g.treeEnd() + parity) + " [bytes]");
        }
        if (fec != null && fec.offset() == 0 && fec.geometry().coveredBlocks() > 0 && !fec.onHashDevice()) {
            out.println("FEC device size: \t" + fec.geometry().parityBytes() + " [bytes]");
        }
    }
}
