package dev.confext.cli.ddi;

import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.SignatureVerificationException;
import dev.confext.verity.api.TrustedCertificates;
import dev.confext.verity.api.VerifiedSignature;
import java.util.Optional;

/**
 * What {@code ddi inspect} found: the image, the certificates it checked the signature against, and the
 * outcome (exactly one of {@code verified} and {@code refused} is present when the image has a signature).
 */
record InspectionResult(DdiImage image, String certificateRoot, TrustedCertificates trusted,
        Optional<VerifiedSignature> verified, Optional<SignatureVerificationException> refused) {
}
