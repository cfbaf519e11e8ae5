package dev.confext.mount.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confext.core.api.ExtensionKind;
import dev.confext.core.api.MutableMode;
import dev.confext.mount.plan.MutableChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Precedence of the mutable mode's sources and the warning about a bad variable (systemd 262). */
class PlanRequestMutableModeTest {
    private final List<String> warnings = new ArrayList<>();

    private MutableChoice choose(Optional<MutableMode> commandLine, Map<String, String> environment,
            Optional<MutableMode> config) {
        return PlanRequest.mutableMode(ExtensionKind.CONFEXT, commandLine, environment, config, warnings::add);
    }

    @Test
    void mutableMode_commandLineWithBadVariable_commandLineWinsAndVariableIsStillReported() {
        MutableChoice choice = choose(Optional.of(MutableMode.NO), Map.of("SYSTEMD_CONFEXT_MUTABLE_MODE", "bogus"),
                Optional.of(MutableMode.YES));
        assertEquals(new MutableChoice(MutableMode.NO, MutableChoice.Source.COMMAND_LINE), choice);
        assertEquals(List.of("Failed to parse SYSTEMD_CONFEXT_MUTABLE_MODE environment variable value 'bogus'. Ignoring."),
                warnings);
    }

    @Test
    void mutableMode_badVariable_configDecides() {
        MutableChoice choice = choose(Optional.empty(), Map.of("SYSTEMD_CONFEXT_MUTABLE_MODE", "bogus"),
                Optional.of(MutableMode.YES));
        assertEquals(new MutableChoice(MutableMode.YES, MutableChoice.Source.CONFIG), choice);
        assertEquals(1, warnings.size());
    }

    @Test
    void mutableMode_variable_beatsConfig() {
        MutableChoice choice = choose(Optional.empty(), Map.of("SYSTEMD_CONFEXT_MUTABLE_MODE", "ephemeral"),
                Optional.of(MutableMode.YES));
        assertEquals(new MutableChoice(MutableMode.EPHEMERAL, MutableChoice.Source.ENVIRONMENT), choice);
        assertEquals(List.of(), warnings);
    }

    @Test
    void mutableMode_nothingSet_no() {
        assertEquals(new MutableChoice(MutableMode.NO, MutableChoice.Source.DEFAULT),
                choose(Optional.empty(), Map.of(), Optional.empty()));
    }
}
