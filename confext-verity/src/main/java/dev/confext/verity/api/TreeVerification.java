package dev.confext.verity.api;

import dev.confext.verity.tree.TreeEngine;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;

/** One run of {@link VerityFormat#verify}. */
final class TreeVerification {
    private final VerityFormat format;
    private final VerityParameters parameters;
    private final Path data;
    private final Path hash;
    private final byte[] rootHash;
    private final VerityProgressListener listener;

    TreeVerification(VerityFormat format, VerityParameters parameters, Path data, Path hash, byte[] rootHash,
            VerityProgressListener listener) {
        this.format = format;
        this.parameters = java.util.Objects.requireNonNull(parameters, "parameters");
        this.data = java.util.Objects.requireNonNull(data, "data");
        this.hash = java.util.Objects.requireNonNull(hash, "hash");
        this.rootHash = rootHash.clone();
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        if (rootHash.length != parameters.algorithm().digestSize()) {
            throw new IllegalArgumentException("Root hash of " + rootHash.length + " bytes given, "
                    + parameters.algorithm() + " digests have " + parameters.algorithm().digestSize() + ".");
        }
    }

    VerificationResult run() throws VerityException {
        try (FileChannel dataChannel = DataBlocks.open(data, StandardOpenOption.READ);
                FileChannel hashChannel = DataBlocks.open(hash, StandardOpenOption.READ)) {
            long blocks = DataBlocks.resolve(parameters, data, dataChannel);
            VerityGeometry geometry = parameters.geometry(blocks);
            long hashSize = hashChannel.size();
            if (geometry.levels() > 0 && hashSize < geometry.treeEnd()) {
                throw new VerityException("Hash device " + hash + " is too small: the tree ends at byte "
                        + geometry.treeEnd() + ", the file has " + hashSize + " bytes.");
            }
            TreeEngine engine = new TreeEngine(parameters, geometry, dataChannel, hashChannel, true, format.workers(),
                    listener);
            byte[] computed = engine.run();
            Optional<VerityFailure> failure = engine.firstFailure();
            if (failure.isEmpty() && !MessageDigest.isEqual(computed, rootHash)) {
                failure = Optional.of(new VerityFailure(VerityFailure.Kind.ROOT_MISMATCH, geometry.levels(), -1));
            }
            return new VerificationResult(geometry, failure);
        } catch (IOException e) {
            throw new VerityException("Cannot read " + data + " or " + hash + ": " + e.getMessage(), e);
        }
    }
}
