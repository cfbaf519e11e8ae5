package dev.confext.verity.ddi;

import dev.confext.verity.api.DdiPartition;
import java.util.List;
import java.util.UUID;

/**
 * A GPT as read from an image.
 *
 * @param sectorSize     512, 1024, 2048 or 4096
 * @param diskGuid       the disk GUID
 * @param firstUsableLba first usable sector
 * @param lastUsableLba  last usable sector
 * @param usedBackup     true when the primary header was unusable and the backup was read instead
 * @param partitions     the used entries, in entry order
 * @param notes          problems that did not stop the read (e.g. a broken backup header)
 */
public record GptTable(int sectorSize, UUID diskGuid, long firstUsableLba, long lastUsableLba, boolean usedBackup,
        List<DdiPartition> partitions, List<String> notes) {
    public GptTable {
        partitions = List.copyOf(partitions);
        notes = List.copyOf(notes);
    }
}
