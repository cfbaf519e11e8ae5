package dev.confext.verity.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.confext.core.api.Architecture;
import dev.confext.verity.api.DdiPartition;
import dev.confext.verity.api.InvalidImageException;
import dev.confext.verity.api.PartitionDesignator;
import dev.confext.verity.api.PartitionType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which partition systemd-dissect would use per designator. */
class PartitionSelectionTest {
    private static DdiPartition partition(int number, PartitionDesignator designator, Architecture architecture,
            String label, long attributes) {
        UUID type = PartitionType.uuidOf(designator, Optional.ofNullable(architecture));
        return new DdiPartition(number, PartitionType.of(type), UUID.randomUUID(), number * 100L, number * 100L + 99,
                number * 51200L, 51200, attributes, label);
    }

    private static Map<PartitionDesignator, DdiPartition> select(Architecture host, DdiPartition... partitions)
            throws InvalidImageException {
        return PartitionSelection.select(List.of(partitions), Optional.of(host), Optional.empty(), Optional.empty());
    }

    @Test
    void select_nativeArchitectureBeatsSecondaryAndOthers() throws Exception {
        Map<PartitionDesignator, DdiPartition> chosen = select(Architecture.X86_64,
                partition(1, PartitionDesignator.ROOT, Architecture.ARM64, "a", 0),
                partition(2, PartitionDesignator.ROOT, Architecture.X86, "b", 0),
                partition(3, PartitionDesignator.ROOT, Architecture.X86_64, "c", 0));

        assertEquals(3, chosen.get(PartitionDesignator.ROOT).number());
    }

    @Test
    void select_secondaryArchitectureBeatsOthers() throws Exception {
        Map<PartitionDesignator, DdiPartition> chosen = select(Architecture.X86_64,
                partition(1, PartitionDesignator.ROOT, Architecture.ARM64, "a", 0),
                partition(2, PartitionDesignator.ROOT, Architecture.X86, "b", 0));

        assertEquals(2, chosen.get(PartitionDesignator.ROOT).number());
    }

    @Test
    void select_highestVersionInLabelWins() throws Exception {
        Map<PartitionDesignator, DdiPartition> chosen = select(Architecture.X86_64,
                partition(1, PartitionDesignator.ROOT, Architecture.X86_64, "fooOS_1.9", 0),
                partition(2, PartitionDesignator.ROOT, Architecture.X86_64, "fooOS_1.10", 0),
                partition(3, PartitionDesignator.ROOT, Architecture.X86_64, "fooOS_1.2", 0));

        assertEquals(2, chosen.get(PartitionDesignator.ROOT).number());
    }

    @Test
    void select_verityFollowsTheDataArchitecture() throws Exception {
        Map<PartitionDesignator, DdiPartition> chosen = select(Architecture.ARM64,
                partition(1, PartitionDesignator.ROOT, Architecture.X86_64, "r", 0),
                partition(2, PartitionDesignator.ROOT_VERITY, Architecture.ARM64, "v-arm", 0),
                partition(3, PartitionDesignator.ROOT_VERITY, Architecture.X86_64, "v-x86", 0));

        assertEquals(3, chosen.get(PartitionDesignator.ROOT_VERITY).number());
    }

    @Test
    void select_verityOfOtherArchitectureOnly_fails() {
        assertEquals("The root-verity partition is for another architecture than the root partition",
                assertThrows(InvalidImageException.class, () -> select(Architecture.X86_64,
                        partition(1, PartitionDesignator.ROOT, Architecture.X86_64, "r", 0),
                        partition(2, PartitionDesignator.ROOT_VERITY, Architecture.ARM64, "v", 0))).getMessage());
    }

    @Test
    void select_noAutoPartitionsSkipped_espUsesBit1() throws Exception {
        Map<PartitionDesignator, DdiPartition> chosen = select(Architecture.X86_64,
                partition(1, PartitionDesignator.ROOT, Architecture.X86_64, "r", DdiPartition.FLAG_NO_AUTO),
                partition(2, PartitionDesignator.ESP, null, "esp", DdiPartition.FLAG_NO_AUTO),
                partition(3, PartitionDesignator.HOME, null, "home", DdiPartition.FLAG_NO_AUTO),
                partition(4, PartitionDesignator.XBOOTLDR, null, "x", 0));

        assertEquals(Map.of(PartitionDesignator.ESP, chosen.get(PartitionDesignator.ESP),
                PartitionDesignator.XBOOTLDR, chosen.get(PartitionDesignator.XBOOTLDR)), chosen);
        assertEquals(2, chosen.get(PartitionDesignator.ESP).number());
    }

    @Test
    void select_rootAndUsrOfDifferentArchitectures_fails() {
        assertEquals("The root and usr partitions are for different architectures",
                assertThrows(InvalidImageException.class, () -> select(Architecture.X86_64,
                        partition(1, PartitionDesignator.ROOT, Architecture.X86_64, "r", 0),
                        partition(2, PartitionDesignator.USR, Architecture.ARM64, "u", 0))).getMessage());
    }

    @Test
    void partitionTypes_everyArchitectureHasAllSixRoles() {
        int architectures = 0;
        for (Architecture architecture : Architecture.values()) {
            try {
                PartitionType.uuidOf(PartitionDesignator.ROOT, Optional.of(architecture));
            } catch (IllegalArgumentException e) {
                continue;
            }
            architectures++;
            for (PartitionDesignator d : List.of(PartitionDesignator.ROOT, PartitionDesignator.USR,
                    PartitionDesignator.ROOT_VERITY, PartitionDesignator.USR_VERITY, PartitionDesignator.ROOT_VERITY_SIG,
                    PartitionDesignator.USR_VERITY_SIG)) {
                UUID uuid = PartitionType.uuidOf(d, Optional.of(architecture));
                assertEquals(Optional.of(d), PartitionType.of(uuid).designator());
                assertEquals(Optional.of(architecture), PartitionType.of(uuid).architecture());
            }
        }
        assertEquals(PartitionTypeTable.architectureCount(), architectures);
        assertEquals("usr-arm64-verity-sig", PartitionType.of(UUID.fromString("c23ce4ff-44bd-4b00-b2d4-b41b3419e02a")).name());
        assertEquals("esp", PartitionType.of(UUID.fromString("c12a7328-f81f-11d2-ba4b-00a0c93ec93b")).name());
    }
}
