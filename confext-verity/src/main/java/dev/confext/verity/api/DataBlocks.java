package dev.confext.verity.api;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opening the files of a tree and working out how many data blocks it covers. */
final class DataBlocks {
    private DataBlocks() {}

    static FileChannel open(Path path, OpenOption... options) throws VerityException {
        requireCompatible(path);
        try {
            return FileChannel.open(path, options);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new DeviceNotFoundException("Device " + path + " does not exist or access denied.", e);
        } catch (IOException e) {
            throw new VerityException("Cannot open device " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code path} for reading and writing, creating it when the name is free, as veritysetup creates a
     * hash or FEC image: a symbolic link whose target does not exist is not followed to create that target
     * (veritysetup's exclusive create stops at the link, then the device is missing).
     *
     * @throws DeviceNotFoundException when {@code path} is a dangling symbolic link or cannot be created
     */
    static FileChannel openCreating(Path path) throws VerityException {
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            throw new DeviceNotFoundException("Device " + path + " does not exist or access denied.", null);
        }
        return open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    }

    /**
     * Refuses, as veritysetup does when it opens a data device, a missing or incompatible one and one smaller than
     * a sector.
     */
    static void requireDataDevice(Path path) throws VerityException {
        requireCompatible(path);
        long size;
        try (FileChannel channel = open(path, StandardOpenOption.READ)) {
            size = size(path, channel);
        } catch (IOException e) {
            throw new VerityException("Cannot close " + path + ": " + e.getMessage(), e);
        }
        if (size < DataTooSmallException.SECTOR) {
            throw new DataTooSmallException("Data device " + path + " is too small: " + size
                    + " bytes, less than one " + DataTooSmallException.SECTOR + "-byte sector.", true, size);
        }
    }

    private static final int FILE_TYPE_MASK = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final int BLOCK_DEVICE = 0060000;

    /**
     * Refuses, as veritysetup does, a device that exists but is neither a regular file nor a block
     * device (a directory, {@code /dev/null}, a FIFO, which would block the open).
     *
     * @throws DeviceNotFoundException for such a device, with veritysetup's words
     */
    static void requireCompatible(Path path) throws DeviceNotFoundException {
        int type;
        try {
            type = (Integer) Files.getAttribute(path, "unix:mode") & FILE_TYPE_MASK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return; // missing (reported when opened), or no unix view: left to the open
        }
        if (type != REGULAR_FILE && type != BLOCK_DEVICE) {
            throw new DeviceNotFoundException("Device " + path + " is not compatible.", null);
        }
    }

    /**
     * The data blocks to hash: the parameter if set, else every whole block of the file.
     *
     * @throws DataTooSmallException when the file holds no whole block, or fewer than asked for
     * @throws InvalidVerityParameterException when the blocks asked for make a tree whose sizes overflow
     */
    static long resolve(VerityParameters parameters, Path path, FileChannel data) throws VerityException {
        return resolve(parameters, path.toString(), size(path, data));
    }

    static long size(Path path, FileChannel channel) throws VerityException {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new VerityException("Cannot get the size of " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The data blocks a verification goes over: the parameter if set, even beyond the end of the device (the
     * verification then stops where veritysetup's would read past it), else every whole block of the device.
     *
     * @throws DataTooSmallException when no count is set and the device holds no whole block
     * @throws InvalidVerityParameterException when the count set makes a tree whose sizes overflow
     */
    static long declared(VerityParameters parameters, String path, long size) throws VerityException {
        if (parameters.dataBlocks().isEmpty()) {
            return resolve(parameters, path, size);
        }
        long blocks = parameters.dataBlocks().getAsLong();
        parameters.geometry(blocks);
        return blocks;
    }

    /** As {@link #resolve(VerityParameters, Path, FileChannel)} for a device of {@code size} bytes called {@code path}. */
    static long resolve(VerityParameters parameters, String path, long size) throws VerityException {
        int blockSize = parameters.dataBlockSize();
        if (parameters.dataBlocks().isEmpty()) {
            long blocks = size / blockSize;
            if (blocks == 0) {
                throw new DataTooSmallException("Data device " + path + " is too small: " + size
                        + " bytes hold no whole " + blockSize + "-byte data block.", true, size);
            }
            return blocks;
        }
        long blocks = parameters.dataBlocks().getAsLong();
        parameters.geometry(blocks); // veritysetup refuses sizes that overflow before it looks at the device
        if (blocks > size / blockSize) {
            throw new DataTooSmallException("Data device " + path + " is too small: " + blocks + " data blocks of "
                    + blockSize + " bytes need " + (blocks > Long.MAX_VALUE / blockSize ? "more than 2^63"
                            : Long.toString(blocks * blockSize)) + " bytes, it holds " + size + ".", false, size);
        }
        return blocks;
    }
}
