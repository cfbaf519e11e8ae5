package dev.confext.verity.ddi;

import dev.confext.core.api.Architecture;
import dev.confext.verity.api.DdiImage;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.DissectEnvironment;
import dev.confext.verity.api.ImageExtent;
import dev.confext.verity.api.InvalidImageException;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.RootHash;
import dev.confext.verity.api.VerityException;
import dev.confext.verity.api.VerityInfo;
import dev.confext.verity.api.VerityInfo.RootHashSource;
import dev.confext.verity.api.VerityGeometry;
import dev.confext.verity.api.VeritySignature;
import dev.confext.verity.api.VeritySuperblock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads an image and its sidecar files into a {@link DdiImage}; the engine behind {@code DdiReader}. */
public final class ImageDissector {
    private ImageDissector() {}

    /**
     * Dissects {@code image}.
     *
     * @throws VerityException for unreadable files, malformed tables, bad signature partitions, sidecars that
     *                         do not fit, or a superblock that does not match the partitions
     */
    public static DdiImage dissect(Path image, Optional<Architecture> nativeArchitecture,
            DissectEnvironment environment) throws VerityException {
        if (Files.isDirectory(image)) {
            throw new InvalidImageException(image + " is a directory, not an image file");
        }
        SidecarFiles sidecars = environment.sidecars() ? SidecarFiles.load(image) : SidecarFiles.none();
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            ImageSource source = ImageSource.of(channel);
            Optional<GptTable> gpt = GptReader.read(source);
            if (gpt.isEmpty()) {
                return bare(image, source, channel.size(), sidecars);
            }
            return partitioned(image, source, gpt.get(), sidecars, nativeArchitecture, environment);
        } catch (NoSuchFileException e) {
            throw new VerityException(image + ": no such file", e);
        } catch (IOException e) {
            throw new VerityException("Cannot read " + image + ": " + e.getMessage(), e);
        }
    }

    private static DdiImage bare(Path image, ImageSource source, long size, SidecarFiles sidecars)
            throws VerityException, IOException {
        Map<PartitionDesignator, String> fileSystems = new EnumMap<>(PartitionDesignator.class);
        FileSystemProbe.probe(source, 0, size).ifPresent(type -> fileSystems.put(
                sidecars.designator().orElse(PartitionDesignator.ROOT), type));
        if (sidecars.hashTree().isEmpty()) {
            if (sidecars.rootHash().isPresent()) {
                throw new InvalidImageException("Failed to read verity artifacts for " + image + ": a root hash ("
                        + sidecars.rootHashOrigin().orElseThrow() + ") but no .verity hash tree next to the image");
            }
            return new DdiImage(image, DdiImage.Layout.BARE, 512, Optional.empty(), List.of(), Map.of(),
                    Optional.empty(), fileSystems, List.of());
        }
        Path hashFile = sidecars.hashTree().get();
        if (sidecars.rootHash().isEmpty()) {
            throw new InvalidImageException("Failed to read verity artifacts for " + image + ": " + hashFile
                    + " exists but there is no .roothash/.usrhash file or xattr");
        }
        long hashSize;
        try {
            hashSize = Files.size(hashFile);
        } catch (IOException e) {
            throw new VerityException("Cannot read " + hashFile + ": " + e.getMessage(), e);
        }
        VeritySuperblock superblock = VeritySuperblock.read(hashFile, 0);
        RootHash rootHash = sidecars.rootHash().get();
        ImageExtent data = new ImageExtent(image, 0, size, OptionalInt.empty());
        ImageExtent hash = new ImageExtent(hashFile, 0, hashSize, OptionalInt.empty());
        checkSuperblock(superblock, rootHash, data, hash);
        VerityInfo info = new VerityInfo(sidecars.designator().orElseThrow(), rootHash, sidecarSource(sidecars),
                sidecars.signature(), superblock, data, hash);
        return new DdiImage(image, DdiImage.Layout.BARE, 512, Optional.empty(), List.of(), Map.of(),
                Optional.of(info), fileSystems, List.of());
    }

    private static DdiImage partitioned(Path image, ImageSource source, GptTable gpt, SidecarFiles sidecars,
            Optional<Architecture> nativeArchitecture, DissectEnvironment environment)
            throws VerityException, IOException {
        if (sidecars.hashTree().isPresent()) {
            throw new InvalidImageException("Failed to read verity artifacts for " + image + ": a .verity file ("
                    + sidecars.hashTree().get() + ") is only supported for images without a partition table");
        }
        Map<PartitionDesignator, DdiPartition> selected = PartitionSelection.select(gpt.partitions(),
                nativeArchitecture, sidecars.rootHash(), sidecars.designator());
        List<String> notes = new ArrayList<>(gpt.notes());
        Optional<VerityInfo> verity = Optional.empty();
        for (PartitionDesignator designator : List.of(PartitionDesignator.ROOT, PartitionDesignator.USR)) {
            DdiPartition verityPartition = selected.get(designator.verity().orElseThrow());
            if (verityPartition == null) {
                continue;
            }
            Optional<VerityInfo> found = verityInfo(image, source, designator, selected.get(designator),
                    verityPartition, Optional.ofNullable(selected.get(designator.signature().orElseThrow())), sidecars,
                    environment, notes);
            if (found.isPresent()) {
                verity = found;
            }
        }
        if (verity.isEmpty() && sidecars.rootHash().isPresent()) {
            throw new InvalidImageException("Failed to read verity artifacts for " + image + ": the root hash from "
                    + sidecars.rootHashOrigin().orElseThrow() + " matches no data and verity partition pair");
        }
        Map<PartitionDesignator, String> fileSystems = new EnumMap<>(PartitionDesignator.class);
        for (Map.Entry<PartitionDesignator, DdiPartition> entry : selected.entrySet()) {
            PartitionDesignator d = entry.getKey();
            boolean metadata = d == PartitionDesignator.ROOT_VERITY || d == PartitionDesignator.USR_VERITY
                    || d == PartitionDesignator.ROOT_VERITY_SIG || d == PartitionDesignator.USR_VERITY_SIG
                    || d == PartitionDesignator.SWAP;
            if (!metadata) {
                FileSystemProbe.probe(source, entry.getValue().offset(), entry.getValue().size())
                        .ifPresent(type -> fileSystems.put(d, type));
            }
        }
        return new DdiImage(image, DdiImage.Layout.GPT, gpt.sectorSize(), Optional.of(gpt.diskGuid()),
                gpt.partitions(), selected, verity, fileSystems, notes);
    }

    /**
     * The verity setup of a data and verity partition pair; empty when no root hash is known (no sidecar, the
     * signature partition absent or not to be read, and no guessing from the partition UUIDs).
     */
    private static Optional<VerityInfo> verityInfo(Path image, ImageSource source, PartitionDesignator designator,
            DdiPartition dataPartition, DdiPartition verityPartition, Optional<DdiPartition> signaturePartition,
            SidecarFiles sidecars, DissectEnvironment environment, List<String> notes)
            throws VerityException, IOException {
        if (!environment.embeddedSignature()) {
            signaturePartition = Optional.empty();
        }
        RootHash rootHash;
        RootHashSource rootHashSource;
        Optional<VeritySignature> signature = sidecars.signature();
        if (sidecars.designator().isPresent() && sidecars.designator().get() != designator) {
            throw new InvalidImageException("Failed to read verity artifacts for " + image + ": the root hash from "
                    + sidecars.rootHashOrigin().orElseThrow() + " is for a " + sidecars.designator().get()
                    + " partition but the image has " + designator + " verity");
        }
        if (sidecars.rootHash().isPresent()) {
            rootHash = sidecars.rootHash().get();
            rootHashSource = sidecarSource(sidecars);
            if (signature.isEmpty() && signaturePartition.isPresent()) {
                SignaturePartitionJson.Content content = readSignaturePartition(source, signaturePartition.get());
                if (!content.rootHash().equals(rootHash)) {
                    throw new InvalidImageException("Root hash in the signature partition (" + content.rootHash()
                            + ") does not match the configured root hash (" + rootHash + ")");
                }
                signature = Optional.of(content.signature());
            }
        } else if (signature.isEmpty() && signaturePartition.isPresent()) {
            SignaturePartitionJson.Content content = readSignaturePartition(source, signaturePartition.get());
            rootHash = content.rootHash();
            rootHashSource = RootHashSource.SIGNATURE_PARTITION;
            signature = Optional.of(content.signature());
            if (!rootHash.dataPartitionUuid().equals(dataPartition.uuid())
                    || !rootHash.verityPartitionUuid().equals(verityPartition.uuid())) {
                notes.add("The partition UUIDs (" + dataPartition.uuid() + ", " + verityPartition.uuid()
                        + ") are not the halves of the signed root hash " + rootHash);
            }
        } else if (environment.guessRootHash()) {
            rootHash = RootHash.ofPartitionUuids(dataPartition.uuid(), verityPartition.uuid());
            rootHashSource = RootHashSource.PARTITION_UUIDS;
        } else {
            notes.add("No root hash for the " + designator + " verity partition " + verityPartition.number()
                    + " (no sidecar, no signature partition read, no guess from the partition UUIDs):"
                    + " dm-verity is not set up for it");
            return Optional.empty();
        }
        VeritySuperblock superblock = readSuperblock(source, verityPartition);
        ImageExtent data = new ImageExtent(image, dataPartition.offset(), dataPartition.size(),
                OptionalInt.of(dataPartition.number()));
        ImageExtent hash = new ImageExtent(image, verityPartition.offset(), verityPartition.size(),
                OptionalInt.of(verityPartition.number()));
        checkSuperblock(superblock, rootHash, data, hash);
        return Optional.of(new VerityInfo(designator, rootHash, rootHashSource, signature, superblock, data, hash));
    }

    private static SignaturePartitionJson.Content readSignaturePartition(ImageSource source, DdiPartition partition)
            throws InvalidImageException, IOException {
        if (partition.size() > SignaturePartitionJson.MAX_SIZE) {
            throw new InvalidImageException("Verity signature partition " + partition.number() + " is "
                    + partition.size() + " bytes, larger than the " + SignaturePartitionJson.MAX_SIZE + " allowed");
        }
        ByteBuffer bytes = source.read(partition.offset(), (int) partition.size());
        byte[] content = new byte[bytes.remaining()];
        bytes.get(content);
        try {
            return SignaturePartitionJson.parse(content);
        } catch (InvalidImageException e) {
            throw new InvalidImageException("Partition " + partition.number() + ": " + e.getMessage(), e);
        }
    }

    private static VeritySuperblock readSuperblock(ImageSource source, DdiPartition verityPartition)
            throws VerityException, IOException {
        ByteBuffer bytes = source.read(verityPartition.offset(), VeritySuperblock.SIZE);
        if (verityPartition.size() < VeritySuperblock.SIZE || bytes.remaining() < VeritySuperblock.SIZE) {
            throw new InvalidImageException("Verity partition " + verityPartition.number()
                    + " is too small for a verity superblock");
        }
        try {
            return VeritySuperblock.parse(bytes);
        } catch (VerityException e) {
            throw new InvalidImageException("Verity partition " + verityPartition.number() + ": " + e.getMessage(), e);
        }
    }

    /** The superblock must fit the root hash, the data and the hash area. */
    private static void checkSuperblock(VeritySuperblock superblock, RootHash rootHash, ImageExtent data,
            ImageExtent hash) throws InvalidImageException {
        int digestSize = superblock.algorithm().digestSize();
        if (digestSize != rootHash.length()) {
            throw new InvalidImageException("The root hash has " + rootHash.length() + " bytes but the superblock's "
                    + superblock.algorithm().veritySetupName() + " digests have " + digestSize);
        }
        long dataBlocks = superblock.dataBlocks();
        if (dataBlocks > data.length() / superblock.dataBlockSize()) {
            throw new InvalidImageException("The superblock protects " + dataBlocks + " blocks of "
                    + superblock.dataBlockSize() + " bytes but the data area " + describe(data) + " has only "
                    + data.length() + " bytes");
        }
        VerityGeometry geometry;
        try {
            geometry = superblock.toParameters(0).geometry(dataBlocks);
        } catch (IllegalArgumentException e) {
            throw new InvalidImageException("The verity superblock describes an impossible tree: " + e.getMessage(), e);
        }
        if (geometry.treeEnd() > hash.length()) {
            throw new InvalidImageException("The hash tree needs " + geometry.treeEnd() + " bytes but the hash area "
                    + describe(hash) + " has only " + hash.length());
        }
    }

    private static String describe(ImageExtent extent) {
        return extent.partition().isPresent() ? "(partition " + extent.partition().getAsInt() + ")"
                : "(" + extent.file().getFileName() + ")";
    }

    private static RootHashSource sidecarSource(SidecarFiles sidecars) {
        return sidecars.rootHashOrigin().orElse("").startsWith("xattr ") ? RootHashSource.XATTR
                : RootHashSource.SIDECAR_FILE;
    }
}
