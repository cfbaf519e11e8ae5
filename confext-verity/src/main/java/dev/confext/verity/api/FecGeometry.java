package dev.confext.verity.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What the forward error correction of a tree covers and how large its parity area is. The code
 * covers, as one stream of blocks, the data blocks followed by the hash device from the first tree
 * block (the superblock is not covered) up to the end of the hash device or, when the parity lives
 * in the hash device, up to the parity offset; the stream is padded with zeros to whole rounds.
 * Codeword {@code (round, byte b)} takes byte {@code b} of the stream blocks {@code round + i * rounds}
 * for i in 0..messageLength-1 and keeps its parity at {@code offset + (round * blockSize + b) * roots}.
 *
 * @param blockSize the (common) data and hash block size
 * @param roots parity bytes per codeword
 * @param dataBlocks data blocks at the start of the stream
 * @param hashAreaStart byte offset in the hash device where its covered part starts
 * @param coveredBlocks blocks of the stream: data blocks plus covered hash-device blocks
 * @param rounds number of interleaving rounds: coveredBlocks / messageLength, rounded up
 */
public record FecGeometry(int blockSize, int roots, long dataBlocks, long hashAreaStart, long coveredBlocks,
        long rounds) {
    /** Bytes in a Reed-Solomon codeword over GF(256). */
    public static final int CODEWORD = 255;

    /** Data (message) bytes per codeword: 255 - roots. */
    public int messageLength() {
        return CODEWORD - roots;
    }

    /** Covered blocks of the hash device. */
    public long hashBlocks() {
        return coveredBlocks - dataBlocks;
    }

    /** Blocks of the parity area ({@code rounds * roots}); veritysetup's "FEC blocks". */
    public long parityBlocks() {
        return rounds * roots;
    }

    /** Bytes of the parity area. */
    public long parityBytes() {
        return parityBlocks() * blockSize;
    }

    /**
     * Checks {@code fec} against the tree parameters as veritysetup does before using FEC.
     *
     * @throws InvalidFecParametersException "Block sizes must match for FEC." or "Invalid number of parity bytes."
     */
    public static void validate(VerityParameters parameters, FecParameters fec) throws InvalidFecParametersException {
        if (parameters.dataBlockSize() != parameters.hashBlockSize()) {
            throw new InvalidFecParametersException("Block sizes must match for FEC.");
        }
        if (!fec.rootsSupported()) {
            throw new InvalidFecParametersException("Invalid number of parity bytes.");
        }
    }

    /**
     * The geometry for a tree over {@code dataBlocks} blocks with {@code parameters}, its hash device
     * {@code hash} as it is now (its size matters when the parity lives elsewhere) and {@code fec}.
     *
     * @throws InvalidFecParametersException when {@link #validate} refuses the parameters
     * @throws DeviceNotFoundException when the hash device does not exist
     * @throws VerityException when the hash device cannot be read or ends before the tree start
     */
    public static FecGeometry of(VerityParameters parameters, long dataBlocks, Path hash, FecParameters fec)
            throws VerityException {
        validate(parameters, fec);
        int blockSize = parameters.dataBlockSize();
        long hashStart = parameters.hashStartBlock();
        long end;
        try {
            end = sameFile(hash, fec.device()) ? fec.offset() : Files.size(hash);
        } catch (NoSuchFileException e) {
            throw new DeviceNotFoundException("Device " + hash + " does not exist or access denied.", e);
        } catch (IOException e) {
            throw new VerityException("Failed to determine size for device " + hash + ".", e);
        }
        long hashBlocks = end / blockSize;
        if (hashBlocks != 0) {
            hashBlocks -= hashStart;
            if (hashBlocks < 0) {
                throw new VerityException("Invalid FEC segment length: the hash area of " + hash
                        + " starts at block " + hashStart + ", after its end at block " + (end / blockSize) + ".");
            }
        }
        long covered = Math.addExact(dataBlocks, hashBlocks);
        int messageLength = CODEWORD - fec.roots();
        long rounds = (covered + messageLength - 1) / messageLength;
        return new FecGeometry(blockSize, fec.roots(), dataBlocks, hashStart * blockSize, covered, rounds);
    }

    /**
     * veritysetup's placement checks for a parity area, in its order: the offset must be a multiple
     * of 512; when hash and FEC share a file the hash area must end at or before the offset (the
     * tree only counts when the number of data blocks was given: veritysetup sizes it from the
     * requested blocks, not from the data file); when data and FEC share a file the data blocks must
     * end at or before the offset.
     *
     * @param requested the parameters as given (their {@link VerityParameters#dataBlocks()} decides
     *     whether the tree counts)
     * @param dataBlocks the data blocks the tree covers
     * @throws VerityException "Unsupported VERITY FEC offset.", "Hash area overlaps with FEC area."
     *     or "Data area overlaps with FEC area."
     */
    public static void checkPlacement(VerityParameters requested, long dataBlocks, Path data, Path hash,
            FecParameters fec) throws VerityException {
        if (!fec.offsetAligned()) {
            throw new VerityException("Unsupported VERITY FEC offset.");
        }
        try {
            if (sameFile(hash, fec.device())) {
                long treeBytes = 0;
                if (requested.dataBlocks().isPresent() && requested.dataBlocks().getAsLong() > 0) {
                    treeBytes = requested.geometry(requested.dataBlocks().getAsLong()).treeBlocks()
                            * requested.hashBlockSize();
                }
                if (requested.hashOffset() + treeBytes > fec.offset()) {
                    throw new VerityException("Hash area overlaps with FEC area.");
                }
            }
            if (sameFile(data, fec.device()) && dataBlocks * requested.dataBlockSize() > fec.offset()) {
                throw new VerityException("Data area overlaps with FEC area.");
            }
        } catch (IOException e) {
            throw new VerityException("Cannot compare " + fec.device() + " with the data and hash devices: "
                    + e.getMessage(), e);
        }
    }

    /** Whether two paths name the same file (veritysetup's "identical device"). */
    static boolean sameFile(Path a, Path b) throws IOException {
        if (a.equals(b)) {
            return true;
        }
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    }
}
