package dev.confext.verity.api;

import dev.confext.verity.tree.Region;
import dev.confext.verity.tree.TreeEngine;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;

/** One run of {@link VerityFormat#verify}: data and hash devices are whole files or byte ranges of files. */
final class TreeVerification {
    private final VerityFormat format;
    private final VerityParameters parameters;
    private final ImageExtent data;
    private final ImageExtent hash;
    private final byte[] rootHash;
    private final VerityProgressListener listener;

    TreeVerification(VerityFormat format, VerityParameters parameters, ImageExtent data, ImageExtent hash,
            byte[] rootHash, VerityProgressListener listener) {
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
        try (FileChannel dataChannel = DataBlocks.open(data.file(), StandardOpenOption.READ);
                FileChannel hashChannel = DataBlocks.open(hash.file(), StandardOpenOption.READ)) {
            long dataSize = available(data, dataChannel);
            long hashSize = available(hash, hashChannel);
            // like veritysetup, a device shorter than the tree needs is found where the first read past its end
            // would be; a stored digest that differs before that point is the failure reported
            long blocks = DataBlocks.declared(parameters, describe(data), dataSize);
            VerityGeometry geometry = parameters.geometry(blocks);
            if (geometry.levels() == 0) {
                DataBlocks.resolve(parameters, describe(data), dataSize);
            }
            TreeEngine engine = new TreeEngine(parameters, geometry,
                    new Region(dataChannel, data.offset(), "Data device " + describe(data)),
                    new Region(hashChannel, hash.offset(), "Hash device " + describe(hash)), true, format.workers(),
                    listener);
            engine.readableUpTo(dataSize, hashSize);
            byte[] computed = engine.run();
            if (engine.shortRead().isPresent()) {
                if (engine.shortRead().get().dataDevice()) {
                    DataBlocks.resolve(parameters, describe(data), dataSize); // throws: the data device is too small
                }
                throw new VerityException("Hash device " + describe(hash) + " is too small: the tree ends at byte "
                        + geometry.treeEnd() + ", the device has " + hashSize + " bytes.");
            }
            Optional<VerityFailure> failure = engine.firstFailure();
            if (failure.isEmpty() && !MessageDigest.isEqual(computed, rootHash)) {
                failure = Optional.of(new VerityFailure(VerityFailure.Kind.ROOT_MISMATCH, geometry.levels(), -1));
            }
            return new VerificationResult(geometry, failure);
        } catch (IOException e) {
            throw new VerityException("Cannot read " + describe(data) + " or " + describe(hash) + ": " + e.getMessage(),
                    e);
        }
    }

    /** Bytes of the extent actually present in its file. */
    private static long available(ImageExtent extent, FileChannel channel) throws VerityException {
        long fileSize = DataBlocks.size(extent.file(), channel);
        return Math.max(0, Math.min(extent.length(), fileSize - extent.offset()));
    }

    private static String describe(ImageExtent extent) {
        if (extent.offset() == 0 && extent.partition().isEmpty()) {
            return extent.file().toString();
        }
        return extent.file() + (extent.partition().isPresent() ? " partition " + extent.partition().getAsInt() : "")
                + " (bytes " + extent.offset() + "+" + extent.length() + ")";
    }
}
