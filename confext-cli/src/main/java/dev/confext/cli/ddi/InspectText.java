package dev.confext.cli.ddi;

import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.ImageExtent;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.SkippedCertificateFile;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VeritySignature;
import dev.confext.verity.api.VeritySuperblock;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.Locale;

/** Prints an {@link InspectionResult} for people. */
final class InspectText {
    private InspectText() {}

    static void print(InspectionResult result, PrintStream out) {
        DdiImage image = result.image();
        out.println("      Image: " + image.path());
        if (image.layout() == DdiImage.Layout.GPT) {
            out.println("     Layout: GPT, " + image.sectorSize() + "-byte sectors, disk GUID "
                    + image.diskGuid().map(Object::toString).orElse("-"));
            out.println();
            out.printf("%2s  %-22s  %-36s  %10s  %10s  %12s  %-17s  %s%n", "#", "TYPE", "UUID", "FIRST", "LAST",
                    "SIZE", "FLAGS", "LABEL");
            for (DdiPartition p : image.partitions()) {
                boolean selected = image.selected().containsValue(p);
                out.printf("%2d  %-22s  %-36s  %10d  %10d  %12d  %-17s  %s%s%n", p.number(), p.type().name(), p.uuid(),
                        p.firstLba(), p.lastLba(), p.size(), flags(p), p.label(), selected ? "" : "  (not used)");
            }
        } else {
            out.println("     Layout: bare file system (no partition table)");
        }
        out.println();
        out.println(" Protection: root " + word(image.protection(PartitionDesignator.ROOT)) + ", usr "
                + word(image.protection(PartitionDesignator.USR)));
        image.fileSystems().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> out.println("File system: " + e.getKey() + " " + e.getValue()));
        if (image.verity().isEmpty()) {
            out.println("     Verity: none");
        } else {
            printVerity(result, image.verity().get(), out);
        }
        for (String note : image.notes()) {
            out.println("       Note: " + note);
        }
    }

    private static void printVerity(InspectionResult result, VerityInfo verity, PrintStream out) {
        VeritySuperblock sb = verity.superblock();
        out.println("     Verity: " + verity.designator());
        out.println("  Root hash: " + verity.rootHash().hex());
        out.println("       From: " + word(verity.rootHashSource()));
        out.println("       Data: " + extent(verity.data()));
        out.println("  Hash tree: " + extent(verity.hash()));
        out.println(" Superblock: format " + sb.hashType() + ", " + sb.algorithm().veritySetupName() + ", data block "
                + sb.dataBlockSize() + ", hash block " + sb.hashBlockSize() + ", " + sb.dataBlocks() + " data blocks");
        out.println("       Salt: " + (sb.salt().length == 0 ? "-" : HexFormat.of().formatHex(sb.salt())));
        out.println("       UUID: " + sb.uuid());
        out.println("     Levels: " + verity.parameters().geometry(sb.dataBlocks()).levels());
        if (verity.signature().isEmpty()) {
            out.println("  Signature: none");
            return;
        }
        VeritySignature signature = verity.signature().get();
        out.println("  Signature: " + signature.der().length + " bytes from " + word(signature.source())
                + signature.certificateFingerprint().map(f -> ", certificate fingerprint " + f).orElse(""));
        out.println("Certificates: " + result.trusted().certificates().size() + " in " + result.certificateRoot()
                + " (verity.d)");
        for (SkippedCertificateFile skipped : result.trusted().skipped()) {
            out.println("             skipped " + skipped.path() + ": " + skipped.reason());
        }
        if (result.verified().isPresent()) {
            var signer = result.verified().get().signer();
            out.println("   Verified: yes, signed by " + signer.certificate().getSubjectX500Principal().getName()
                    + " (" + signer.source() + ")");
        } else {
            out.println("   Verified: no, " + result.refused().orElseThrow().getMessage());
        }
    }

    private static String extent(ImageExtent extent) {
        String where = extent.partition().isPresent() ? "partition " + extent.partition().getAsInt()
                : extent.file().toString();
        return where + ", offset " + extent.offset() + ", " + extent.length() + " bytes";
    }

    private static String flags(DdiPartition p) {
        StringBuilder text = new StringBuilder();
        if (p.noAuto()) {
            text.append("no-auto ");
        }
        if (p.readOnly()) {
            text.append("read-only ");
        }
        if (p.growFs()) {
            text.append("growfs ");
        }
        return text.length() == 0 ? "-" : text.toString().strip();
    }

    /** {@code SIGNATURE_PARTITION} → {@code signature partition}. */
    static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
