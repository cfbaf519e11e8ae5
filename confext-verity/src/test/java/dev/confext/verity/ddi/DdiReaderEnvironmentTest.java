package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.core.api.Architecture;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiReader;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.PartitionProtection;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VerityInfo.RootHashSource;
import dev.confext.verity.api.VeritySignature;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link DdiReader} reads under systemd's image-dissection switches ({@link DissectEnvironment}). Fixtures:
 * <pre>
 *   testconf.raw        the signed repart sample of vectors/ddi: root, root-verity, root-verity-sig
 *   testconf.roothash   (some scenarios) a sidecar next to it
 *   sidecar.raw         the erofs sample of vectors/sidecar, with sidecar.roothash, sidecar.roothash.p7s and
 *                       sidecar.verity next to it
 * </pre>
 */
class DdiReaderEnvironmentTest {
    private static final DdiReader READER = DdiReader.forArchitecture(Architecture.X86_64);

    @TempDir
    Path temp;

    private static DdiReader readerWith(String... variables) {
        Map<String, String> environment = new java.util.HashMap<>();
        for (String v : variables) {
            environment.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
        }
        return READER.withEnvironment(DissectEnvironment.of(environment));
    }

    @Test
    void read_sidecarSampleWithSidecarsOff_isABareFileSystemWithoutVerity() throws Exception {
        Path image = SampleImages.sidecar(temp);

        DdiImage ddi = readerWith("SYSTEMD_DISSECT_VERITY_SIDECAR=0").read(image);

        assertEquals(DdiImage.Layout.BARE, ddi.layout());
        assertEquals(Optional.empty(), ddi.verity());
        assertEquals(Map.of(PartitionDesignator.ROOT, "erofs"), ddi.fileSystems());
        assertEquals(PartitionProtection.UNPROTECTED, ddi.protection(PartitionDesignator.ROOT));
    }

    @Test
    void read_sidecarSampleWithUnparsableSidecarSwitch_keepsReadingSidecars() throws Exception {
        Path image = SampleImages.sidecar(temp);

        DdiImage ddi = readerWith("SYSTEMD_DISSECT_VERITY_SIDECAR=perhaps").read(image);

        assertEquals(SampleImages.SIDECAR_ROOT_HASH, ddi.verity().orElseThrow().rootHash().hex());
        assertEquals(PartitionProtection.SIGNED, ddi.protection(PartitionDesignator.ROOT));
    }

    @Test
    void read_sidecarWithoutTreeAndSidecarsOff_isNotAnError() throws Exception {
        Path image = SampleImages.sidecar(temp);
        Files.delete(temp.resolve("sidecar.verity"));

        DdiImage ddi = readerWith("SYSTEMD_DISSECT_VERITY_SIDECAR=no").read(image);

        assertEquals(Optional.empty(), ddi.verity());
    }

    @Test
    void read_sampleDdiWithForeignRootHashSidecarAndSidecarsOff_ignoresTheSidecar() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf.raw");
        Files.writeString(temp.resolve("testconf.roothash"), SampleImages.SIDECAR_ROOT_HASH);

        VerityInfo verity = readerWith("SYSTEMD_DISSECT_VERITY_SIDECAR=off").read(image).verity().orElseThrow();

        assertEquals(RootHashSource.SIGNATURE_PARTITION, verity.rootHashSource());
        assertEquals(SampleImages.DDI_ROOT_HASH, verity.rootHash().hex());
    }

    @Test
    void read_sampleDdiWithEmbeddedOff_guessesTheRootHashAndHasNoSignature() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf.raw");

        DdiImage ddi = readerWith("SYSTEMD_DISSECT_VERITY_EMBEDDED=0").read(image);

        VerityInfo verity = ddi.verity().orElseThrow();
        assertEquals(RootHashSource.PARTITION_UUIDS, verity.rootHashSource());
        assertEquals(SampleImages.DDI_ROOT_HASH, verity.rootHash().hex());
        assertEquals(Optional.empty(), verity.signature());
        assertTrue(ddi.selected(PartitionDesignator.ROOT_VERITY_SIG).isPresent(), "the partition is still there");
        assertEquals(PartitionProtection.VERITY, ddi.protection(PartitionDesignator.ROOT));
    }

    @Test
    void read_sampleDdiWithGuessOff_takesTheSignaturePartition() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf.raw");

        VerityInfo verity = readerWith("SYSTEMD_DISSECT_VERITY_GUESS=0").read(image).verity().orElseThrow();

        assertEquals(RootHashSource.SIGNATURE_PARTITION, verity.rootHashSource());
        assertEquals(VeritySignature.Source.SIGNATURE_PARTITION, verity.signature().orElseThrow().source());
    }

    @Test
    void read_sampleDdiWithEmbeddedAndGuessOff_hasNoVerityButKeepsTheVerityPartition() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf.raw");

        DdiImage ddi = readerWith("SYSTEMD_DISSECT_VERITY_EMBEDDED=0", "SYSTEMD_DISSECT_VERITY_GUESS=false").read(image);

        assertEquals(Optional.empty(), ddi.verity());
        assertTrue(ddi.selected(PartitionDesignator.ROOT_VERITY).isPresent());
        assertTrue(ddi.selected(PartitionDesignator.ROOT_VERITY_SIG).isPresent());
        assertEquals(PartitionProtection.UNPROTECTED, ddi.protection(PartitionDesignator.ROOT));
        assertTrue(ddi.notes().stream().anyMatch(n -> n.startsWith("No root hash for the root verity partition")),
                ddi.notes().toString());
    }

    @Test
    void read_sampleDdiWithSidecarRootHashAndEmbeddedOff_takesNoSignatureFromThePartition() throws Exception {
        Path image = SampleImages.ddi(temp, "testconf.raw");
        Files.writeString(temp.resolve("testconf.roothash"), SampleImages.DDI_ROOT_HASH + "\n");

        VerityInfo verity = readerWith("SYSTEMD_DISSECT_VERITY_EMBEDDED=0").read(image).verity().orElseThrow();

        assertEquals(RootHashSource.SIDECAR_FILE, verity.rootHashSource());
        assertEquals(Optional.empty(), verity.signature());
    }

    @Test
    void read_corruptSignaturePartitionWithEmbeddedOff_isNotRead() throws Exception {
        Path image = SampleImages.ddi(temp, "broken.raw");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.seek(43008L * 512 + 1798 + 100);
            file.write('x');
        }

        VerityInfo verity = readerWith("SYSTEMD_DISSECT_VERITY_EMBEDDED=0").read(image).verity().orElseThrow();

        assertEquals(RootHashSource.PARTITION_UUIDS, verity.rootHashSource());
    }

    @Test
    void read_repartUnsignedDdiWithGuessOff_hasNoVerity() throws Exception {
        RepartImage.Built built = RepartImage.build(temp, "unsigned", "root", Optional.empty());

        DdiImage ddi = readerWith("SYSTEMD_DISSECT_VERITY_GUESS=0").read(built.image());

        assertEquals(Optional.empty(), ddi.verity());
        assertTrue(ddi.selected(PartitionDesignator.ROOT_VERITY).isPresent());
        assertEquals(Optional.of(built.rootHash()), READER.read(built.image()).verity().map(v -> v.rootHash().hex()));
    }
}
