package dev.confext.mount.exec;

import dev.confext.core.api.ImagePolicy;
import dev.confext.core.api.PolicyFlag;
import dev.confext.core.api.Root;
import dev.confext.mount.api.ImageMountException;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.RootHashSignatures;
import dev.confext.verity.api.SignatureVerificationException;
import dev.confext.verity.api.TrustedCertificates;
import dev.confext.verity.api.VerificationResult;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityFormat;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VerityProgressListener;
import java.util.Optional;

/**
 * Decides whether the data partition of a Discoverable Disk Image may be mounted under the image policy on a
 * kernel without device-mapper, and verifies it in userspace when that was opted into. Without the opt-in a
 * policy that does not allow {@code unprotected} for the partition refuses the image. With it, the data
 * partition is checked block by block against its verity partition and root hash before it is mounted (which
 * protects against tampering at rest, not against changes after the check), and when the policy allows
 * neither {@code unprotected} nor {@code verity} the root hash signature must verify against a certificate
 * from the root's {@code verity.d} directories. Stateless.
 */
final class DiskImageProtection {
    /** What was checked before mounting. */
    enum Outcome {
        /** Nothing: the policy allows the partition unprotected and no userspace verification was asked for. */
        UNCHECKED,
        /** Every block of the data partition matched the root hash. */
        VERIFIED,
        /** As {@link #VERIFIED}, and the root hash signature verified against a trusted certificate. */
        SIGNED
    }

    private DiskImageProtection() {}

    /**
     * Checks the partition a merge would mount.
     *
     * <p>Under the dissection switches of {@code environment}:
     * <ul>
     *   <li>a verity partition whose root hash is known from nowhere (the image was read without its signature
     *       partition and without guessing from the partition UUIDs) gives no dm-verity setup: the partition
     *       table still shows verity, so the policy check passes, and the data partition is mounted as it is;</li>
     *   <li>without signature checks ({@code $SYSTEMD_DISSECT_VERITY_SIGNATURE=0}) a signature is not looked at,
     *       so a policy that allows only {@code signed} refuses the partition;</li>
     *   <li>without userspace signature checks ({@code $SYSTEMD_ALLOW_USERSPACE_VERITY=0}) only the kernel's
     *       keyrings could accept a signature, which needs device-mapper, so such a policy refuses it too.</li>
     * </ul>
     *
     * @param name            the image name, for messages
     * @param image           the image as read by {@code DdiReader} (its extents name the file to read)
     * @param policyText      the configured image policy; empty for the kind's default, which allows unprotected
     * @param userspaceVerity whether userspace verification was opted into
     * @param root            where the {@code verity.d} certificate directories are looked up
     * @param deviceMapperMissing why dm-verity cannot be activated here, when it cannot: then a partition with
     *                        verity data that the policy wants protected is refused unless verified in userspace
     * @param environment     the dissection switches, applied as systemd 262 does (above)
     * @throws ImageMountException when the policy cannot be met or a check fails
     */
    static Outcome check(String name, DdiImage image, Optional<String> policyText, boolean userspaceVerity,
            Root root, Optional<String> deviceMapperMissing, DissectEnvironment environment)
            throws ImageMountException {
        DdiPartition data = DiskImagePartitions.dataPartition(name, image);
        PartitionDesignator designator = DiskImagePartitions.designatorOf(data);
        Optional<VerityInfo> verity = image.verity().filter(v -> v.designator() == designator);
        Optional<ImagePolicy> policy = PolicyConstraints.configured(name, policyText);
        dev.confext.core.api.PartitionDesignator policyDesignator = PolicyConstraints.designatorOf(designator);
        boolean unprotectedAllowed = PolicyConstraints.allows(policy, policyDesignator, PolicyFlag.UNPROTECTED);
        boolean verityAllowed = PolicyConstraints.allows(policy, policyDesignator, PolicyFlag.VERITY);
        boolean signedAllowed = PolicyConstraints.allows(policy, policyDesignator, PolicyFlag.SIGNED);
        if (verity.isEmpty() && designator.verity().flatMap(image::selected).isPresent()
                && (unprotectedAllowed || verityAllowed || signedAllowed)) {
            return Outcome.UNCHECKED; // a verity partition without a known root hash: no dm-verity, mounted as is
        }
        if (!userspaceVerity && verity.isPresent() && deviceMapperMissing.isPresent()
                && (verityAllowed || signedAllowed)) {
            throw new ImageMountException(name, VerityActivation.withoutDeviceMapper("Its " + designator
                    + " partition", deviceMapperMissing.get()));
        }
        if (!userspaceVerity || verity.isEmpty()) {
            if (unprotectedAllowed) {
                return Outcome.UNCHECKED;
            }
            if (verity.isEmpty()) {
                throw new ImageMountException(name, "Image policy '" + policyText.orElse("") + "' requires a"
                        + " protected (verity, signed or encrypted) " + designator + " partition, but the disk image"
                        + " has no verity partition for it");
            }
            throw new ImageMountException(name, "Image policy '" + policyText.orElse("") + "' requires a protected"
                    + " (verity, signed or encrypted) image, but this system has no device-mapper to activate one"
                    + " (allow userspace verification of the " + designator + " partition against its verity"
                    + " partition with CONFEXT_USERSPACE_VERITY=yes)");
        }
        boolean signatureRequired = !unprotectedAllowed && !verityAllowed;
        if (signatureRequired && !signedAllowed) {
            throw new ImageMountException(name, "Image policy '" + policyText.orElse("") + "' allows neither an"
                    + " unprotected nor a verity-protected " + designator + " partition");
        }
        if (signatureRequired && !environment.signatureChecks()) {
            throw new ImageMountException(name, "Image policy '" + policyText.orElse("") + "' requires a signed "
                    + designator + " partition, but signatures are not checked ($" + DissectEnvironment.SIGNATURE
                    + " is off), so it counts as verity-protected only");
        }
        if (signatureRequired && !environment.userspaceSignatures()) {
            throw new ImageMountException(name, "Image policy '" + policyText.orElse("") + "' requires a signed "
                    + designator + " partition, but $" + DissectEnvironment.USERSPACE + " is off, leaving its"
                    + " signature to the kernel's keyrings, which need device-mapper");
        }
        verifyTree(name, verity.get());
        if (!signatureRequired) {
            return Outcome.VERIFIED;
        }
        try {
            RootHashSignatures.verify(verity.get(), TrustedCertificates.load(root));
        } catch (SignatureVerificationException e) {
            throw new ImageMountException(name, "Image policy '" + policyText.orElse("") + "' requires a signed "
                    + designator + " partition, but its root hash signature does not verify: " + e.getMessage());
        }
        return Outcome.SIGNED;
    }

    private static void verifyTree(String name, VerityInfo verity) throws ImageMountException {
        VerificationResult result;
        try {
            result = VerityFormat.defaults().verifyWithSuperblock(verity.data(), verity.hash(),
                    verity.rootHash().bytes(), VerityProgressListener.NONE);
        } catch (VerityException e) {
            throw new ImageMountException(name, "verity verification failed: " + e.getMessage());
        }
        if (!result.intact()) {
            throw new ImageMountException(name, "verity verification failed: " + result.failure().orElseThrow());
        }
    }

}
