package dev.confext.mount.exec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confext.mount.api.MountException;
import dev.confext.mount.api.SampleDiskImage;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VeritySignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real activator on a kernel without device-mapper: the data and verity partitions of the shared signed DDI
 * ({@code testconf.raw}) are attached to loop devices and handed to libcryptsetup, which cannot activate; the
 * error says why. (With device-mapper these scenarios do not apply and are skipped, also under
 * confext.requireAll: the machine is then not missing anything.)
 */
class DeviceMapperVerityTest {
    @TempDir
    Path temp;

    private VerityActivator.Volume volume;
    private VerityInfo verity;

    @BeforeEach
    void readImage() throws Exception {
        ExecTestEnvironment.requireMounting();
        Assumptions.assumeTrue(DeviceMapperVerity.SYSTEM.unavailableReason().isPresent(),
                "device-mapper is usable here; these scenarios are about a kernel without it");
        Path image = SampleDiskImage.unpack(temp.resolve("testconf.raw"));
        verity = DiskImagePartitions.read("testconf", image, DissectEnvironment.defaults()).verity().orElseThrow();
        volume = new VerityActivator.Volume(verity.rootHash(), verity.data(), verity.hash());
    }

    @Test
    void unavailableReason_noDeviceMapper_namesTheControlNode() {
        String reason = DeviceMapperVerity.SYSTEM.unavailableReason().orElseThrow();
        assertTrue(reason.startsWith("this kernel has no device-mapper (open /dev/mapper/control: "), reason);
    }

    @Test
    void activate_byRootHash_failsSayingThereIsNoDeviceMapper() {
        MountException e = assertThrows(MountException.class, () -> DeviceMapperVerity.SYSTEM.activate(volume,
                Optional.empty()));
        assertTrue(e.getMessage().startsWith("crypt_activate_by_volume_key(" + SampleDiskImage.ROOT_HASH
                + "-verity): this kernel has no device-mapper"), e.getMessage());
        assertTrue(Files.notExists(Path.of("/dev/mapper/" + SampleDiskImage.ROOT_HASH + "-verity")));
    }

    @Test
    void activate_withSignature_failsSayingThereIsNoDeviceMapper() {
        byte[] signature = verity.signature().map(VeritySignature::der).orElseThrow();
        MountException e = assertThrows(MountException.class, () -> DeviceMapperVerity.SYSTEM.activate(volume,
                Optional.of(signature)));
        assertTrue(e.getMessage().startsWith("crypt_activate_by_signed_key(" + SampleDiskImage.ROOT_HASH
                + "-verity): this kernel has no device-mapper"), e.getMessage());
    }
}
