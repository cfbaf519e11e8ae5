package dev.confext.mount.exec;

import dev.confext.core.api.ImagePolicy;
import dev.confext.core.api.PartitionDesignator;
import dev.confext.core.api.PolicyFlag;
import dev.confext.core.api.Root;
import dev.confext.mount.api.ImageMountException;
import dev.confext.mount.api.MountException;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.RootHashSignatures;
import dev.confext.verity.api.SignatureVerificationException;
import dev.confext.verity.api.TrustedCertificates;
import java.util.Optional;

/**
 * Activates dm-verity for an image that has verity data, as the image policy asks (spec §8.2). A signature is used
 * only when the policy allows {@code signed}: the kernel checks it first (its keyrings); when that fails it is
 * checked in userspace against the certificates in the root's {@code verity.d} directories, and on success the
 * device is activated by root hash alone. When neither accepts it, or there is no usable signature, activation by
 * root hash alone is allowed only if the policy allows {@code verity}; otherwise the image is refused (upstream
 * reports {@code ERFKILL}, or {@code EDESTADDRREQ} for a signature no one trusts). Stateless.
 */
final class VerityActivation {
    /** How the activated device's root hash came to be trusted. */
    enum Trust {
        /** The kernel verified the root hash signature against its keyrings. */
        SIGNATURE_BY_KERNEL,
        /** The signature verified against a certificate in {@code verity.d}; the kernel got the root hash alone. */
        SIGNATURE_IN_USERSPACE,
        /** The root hash alone, as the policy allows {@code verity}. */
        ROOT_HASH
    }

    /**
     * An activated device.
     *
     * @param device  what to mount
     * @param trust   why its root hash is trusted
     * @param refused why a signature that came with the image was not used, if it was not
     */
    record Result(VerityActivator.Device device, Trust trust, Optional<String> refused) {}

    private VerityActivation() {}

    /**
     * Activates {@code volume} if the policy wants verity for it.
     *
     * @param name       the image name, for messages
     * @param volume     data, tree and root hash
     * @param signature  the root hash signature that came with the image (DER PKCS#7), if any
     * @param designator the partition the data is ({@code root} for a bare file system image)
     * @param policyText the configured image policy; empty for the kind's default, which allows everything here
     * @param root       where the {@code verity.d} certificate directories are looked up
     * @param activator  how to activate
     * @param environment the signature switches, as systemd 262 applies them: without
     *            {@link DissectEnvironment#signatureChecks()} the signature is not used at all (the image counts as
     *            verity-protected, not signed); without {@link DissectEnvironment#userspaceSignatures()} only the
     *            kernel may accept it
     * @return the device, or empty when the policy allows neither {@code verity} nor {@code signed} but allows
     *         {@code unprotected}: then the data is mounted as it is
     * @throws ImageMountException when the policy cannot be met or activation fails
     */
    static Optional<Result> activate(String name, VerityActivator.Volume volume, Optional<byte[]> signature,
            PartitionDesignator designator, Optional<String> policyText, Root root, VerityActivator activator,
            DissectEnvironment environment) throws ImageMountException {
        Optional<ImagePolicy> policy = PolicyConstraints.configured(name, policyText);
        boolean verityAllowed = PolicyConstraints.allows(policy, designator, PolicyFlag.VERITY);
        boolean signedAllowed = PolicyConstraints.allows(policy, designator, PolicyFlag.SIGNED);
        String policyWords = "Image policy '" + policyText.orElse("") + "'";
        if (!verityAllowed && !signedAllowed) {
            if (PolicyConstraints.allows(policy, designator, PolicyFlag.UNPROTECTED)) {
                return Optional.empty();
            }
            throw new ImageMountException(name, policyWords + " allows neither a verity-protected nor an"
                    + " unprotected " + word(designator) + " partition");
        }
        Optional<String> refused = Optional.empty();
        if (signature.isPresent() && signedAllowed && !environment.signatureChecks()) {
            refused = Optional.of("signatures are not checked ($" + DissectEnvironment.SIGNATURE + " is off)");
        } else if (signature.isPresent() && signedAllowed) {
            MountException kernelFailure;
            try {
                return Optional.of(new Result(activator.activate(volume, signature), Trust.SIGNATURE_BY_KERNEL,
                        Optional.empty()));
            } catch (MountException e) {
                kernelFailure = e;
            }
            if (environment.userspaceSignatures()) {
                try {
                    RootHashSignatures.verify(volume.rootHash(), signature.get(), TrustedCertificates.load(root));
                    return Optional.of(new Result(activate(name, activator, volume), Trust.SIGNATURE_IN_USERSPACE,
                            Optional.empty()));
                } catch (SignatureVerificationException e) {
                    refused = Optional.of("its root hash signature was accepted neither by the kernel ("
                            + kernelFailure.getMessage() + ") nor by a certificate in verity.d (" + e.getMessage()
                            + ")");
                }
            } else {
                refused = Optional.of("its root hash signature was not accepted by the kernel ("
                        + kernelFailure.getMessage() + "), and with $" + DissectEnvironment.USERSPACE
                        + " off verity.d is not consulted");
            }
        } else if (signature.isPresent()) {
            refused = Optional.of("the policy does not allow signed for it");
        }
        if (!verityAllowed) {
            throw new ImageMountException(name, policyWords + " requires a signed " + word(designator)
                    + " partition, but " + refused.orElse("the image has no root hash signature"));
        }
        return Optional.of(new Result(activate(name, activator, volume), Trust.ROOT_HASH, refused));
    }

    /**
     * Whether the policy has systemd activate dm-verity for a partition that comes with verity data: it allows
     * {@code verity} or {@code signed} for it. Without device-mapper such an image cannot be merged as systemd
     * would merge it (systemd fails it), unless it is verified in userspace instead.
     *
     * @throws ImageMountException when the policy does not parse
     */
    static boolean wantsVerity(String name, Optional<String> policyText, PartitionDesignator designator)
            throws ImageMountException {
        Optional<ImagePolicy> policy = PolicyConstraints.configured(name, policyText);
        return PolicyConstraints.allows(policy, designator, PolicyFlag.VERITY) || PolicyConstraints.allows(policy, designator, PolicyFlag.SIGNED);
    }

    /** Why an image with verity data is refused on a system without device-mapper, and what to do instead. */
    static String withoutDeviceMapper(String what, String reason) {
        return what + " comes with dm-verity data, so systemd would activate dm-verity for it, but this system"
                + " cannot (" + reason + "); set CONFEXT_USERSPACE_VERITY=yes to verify it in userspace before"
                + " mounting it instead, or use an image policy that allows it unprotected only";
    }

    private static VerityActivator.Device activate(String name, VerityActivator activator,
            VerityActivator.Volume volume) throws ImageMountException {
        try {
            return activator.activate(volume, Optional.empty());
        } catch (MountException e) {
            throw new ImageMountException(name, "Failed to activate verity device " + volume.deviceName() + ": "
                    + e.getMessage());
        }
    }


    private static String word(PartitionDesignator designator) {
        return designator == PartitionDesignator.USR ? "usr" : "root";
    }

}
