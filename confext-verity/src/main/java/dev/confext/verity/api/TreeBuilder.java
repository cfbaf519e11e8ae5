package dev.confext.verity.api;

import dev.confext.verity.fec.FecCodec;
import dev.confext.verity.tree.HashFileLayout;
import dev.confext.verity.tree.TreeEngine;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one hash tree: made by {@link VerityFormat#newTreeBuilder}, used once by {@link #build()}.
 * The hash file is created if missing and never truncated; data and hash may be the same file when
 * the hash offset lies after the data blocks.
 */
public final class TreeBuilder {
    private final VerityFormat format;
    private final VerityParameters parameters;
    private final Path data;
    private final Path hash;
    private final VerityProgressListener listener;
    private FecParameters fec;
    private boolean used;

    TreeBuilder(VerityFormat format, VerityParameters parameters, Path data, Path hash,
            VerityProgressListener listener) {
        this.format = format;
        this.parameters = java.util.Objects.requireNonNull(parameters, "parameters");
        this.data = java.util.Objects.requireNonNull(data, "data");
        this.hash = java.util.Objects.requireNonNull(hash, "hash");
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /**
     * Also writes forward error correction parity for the data and the tree into {@code fec.device()}
     * (created if missing, never truncated) at {@code fec.offset()}, byte-for-byte as
     * {@code veritysetup format --fec-device --fec-roots --fec-offset}.
     *
     * @return this builder
     */
    public TreeBuilder withFec(FecParameters fec) {
        this.fec = java.util.Objects.requireNonNull(fec, "fec");
        return this;
    }

    /**
     * Hashes the data file, writes the tree at its computed offsets (top level first) and the
     * superblock, and returns the root hash. Like veritysetup, it leaves the written blocks to the
     * page cache: nothing is synced to stable storage (a tree of a 1 GiB image is 8 MiB, whose
     * {@code fdatasync} would cost more than its hashing on slow disks); callers who need that sync
     * the files themselves.
     *
     * @throws IllegalStateException when called a second time
     * @throws DeviceNotFoundException when the data file does not exist or the hash file cannot be created (also
     *     when its name is a symbolic link to nothing)
     * @throws DataTooSmallException when the data file holds no whole block or fewer blocks than asked for
     * @throws InvalidFecParametersException when FEC is asked for with different data and hash block
     *     sizes or an unsupported number of roots (the tree is written, the superblock is not)
     * @throws VerityException when data and hash share a file and overlap, when the FEC area is not
     *     512-byte aligned or overlaps the data or the hash area, on a read or write error, or
     *     (as veritysetup) when a tree without levels gets a superblock at an unaligned offset beyond
     *     the end of the hash file
     */
    public VerityTree build() throws VerityException {
        if (used) {
            throw new IllegalStateException("A TreeBuilder builds one tree; make a new one with VerityFormat.newTreeBuilder.");
        }
        used = true;
        try (FileChannel dataChannel = DataBlocks.open(data, StandardOpenOption.READ)) {
            long blocks = DataBlocks.resolve(parameters, data, dataChannel);
            VerityParameters resolved = parameters.toBuilder().dataBlocks(blocks).build();
            VerityGeometry geometry = resolved.geometry(blocks);
            try (FileChannel hashChannel = DataBlocks.openCreating(hash)) {
                if (sameFile() && geometry.dataBytes() > resolved.hashOffset()) {
                    throw new VerityException("Data area overlaps with hash area."); // veritysetup's words
                }
                if (fec != null) {
                    FecGeometry.checkPlacement(parameters, blocks, data, hash, fec);
                }
                byte[] root = new TreeEngine(resolved, geometry, dataChannel, hashChannel, false, format.workers(),
                        listener).run();
                FecGeometry fecGeometry = null;
                if (fec != null) {
                    fecGeometry = FecGeometry.of(resolved, blocks, hash, fec);
                    writeFec(fecGeometry, dataChannel, hashChannel);
                }
                if (resolved.superblock()) {
                    if (!HashFileLayout.superblockWritable(hashChannel, hash, resolved.hashOffset(),
                            resolved.hashBlockSize())) {
                        // veritysetup's words; why, in the cause
                        throw new VerityException("Error during update of verity header on device " + hash + ".",
                                new IOException("the superblock at offset " + resolved.hashOffset()
                                        + " is not block-aligned and the file does not reach it (veritysetup fails"
                                        + " alike)"));
                    }
                    HashFileLayout.writeSuperblock(hashChannel, hash,
                            VeritySuperblock.of(resolved, blocks).toBytes(), resolved.hashOffset(),
                            resolved.hashBlockSize());
                }
                return new VerityTree(resolved, geometry, root, hashChannel.size(), fecGeometry);
            }
        } catch (IOException e) {
            throw new VerityException("Input/output error while creating hash area: " + e.getMessage(), e);
        }
    }

    private void writeFec(FecGeometry fecGeometry, FileChannel dataChannel, FileChannel hashChannel)
            throws VerityException, IOException {
        if (FecGeometry.sameFile(hash, fec.device())) {
            new FecCodec(fecGeometry, dataChannel, hashChannel).encode(hashChannel, fec.offset(), format.workers());
            return;
        }
        try (FileChannel fecChannel = DataBlocks.openCreating(fec.device())) {
            new FecCodec(fecGeometry, dataChannel, hashChannel).encode(fecChannel, fec.offset(), format.workers());
        }
    }

    private boolean sameFile() throws IOException {
        return Files.exists(hash) && Files.isSameFile(data, hash);
    }
}
