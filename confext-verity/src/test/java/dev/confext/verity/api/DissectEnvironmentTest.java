package dev.confext.verity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the image-dissection switches from an environment map, as systemd 262 reads them. */
class DissectEnvironmentTest {
    @Test
    void parseBoolean_systemdWords_inAnyCase() {
        for (String yes : new String[] {"1", "yes", "y", "true", "t", "on", "YES", "True", "oN", "Y", "T"}) {
            assertEquals(Optional.of(true), DissectEnvironment.parseBoolean(yes), yes);
        }
        for (String no : new String[] {"0", "no", "n", "false", "f", "off", "NO", "False", "OFF", "N", "F"}) {
            assertEquals(Optional.of(false), DissectEnvironment.parseBoolean(no), no);
        }
    }

    @Test
    void parseBoolean_otherWords_areNotBooleans() {
        // only ASCII letters fold, as in C's strcasecmp: not the dotted capital I, not a fullwidth y
        for (String other : new String[] {"", " 1", "0 ", "2", "-1", "yess", "enable", "disabled", "nope", "o",
                "\u0130", "O\u0130", "\uff59es"}) {
            assertEquals(Optional.empty(), DissectEnvironment.parseBoolean(other), "'" + other + "'");
        }
    }

    @Test
    void of_emptyEnvironment_isTheDefaults() {
        assertEquals(new DissectEnvironment(true, true, true, true, true), DissectEnvironment.of(Map.of()));
        assertEquals(DissectEnvironment.defaults(), DissectEnvironment.of(Map.of("SYSTEMD_LOG_LEVEL", "debug")));
    }

    @Test
    void of_eachVariableOff_turnsOffItsSwitchOnly() {
        assertEquals(new DissectEnvironment(false, true, true, true, true),
                DissectEnvironment.of(Map.of("SYSTEMD_DISSECT_VERITY_SIDECAR", "0")));
        assertEquals(new DissectEnvironment(true, false, true, true, true),
                DissectEnvironment.of(Map.of("SYSTEMD_DISSECT_VERITY_EMBEDDED", "no")));
        assertEquals(new DissectEnvironment(true, true, false, true, true),
                DissectEnvironment.of(Map.of("SYSTEMD_DISSECT_VERITY_SIGNATURE", "false")));
        assertEquals(new DissectEnvironment(true, true, true, false, true),
                DissectEnvironment.of(Map.of("SYSTEMD_ALLOW_USERSPACE_VERITY", "off")));
        assertEquals(new DissectEnvironment(true, true, true, true, false),
                DissectEnvironment.of(Map.of("SYSTEMD_DISSECT_VERITY_GUESS", "N")));
    }

    @Test
    void of_explicitlyOn_keepsTheSwitchOn() {
        assertEquals(DissectEnvironment.defaults(), DissectEnvironment.of(Map.of(
                "SYSTEMD_DISSECT_VERITY_SIDECAR", "1", "SYSTEMD_DISSECT_VERITY_EMBEDDED", "yes",
                "SYSTEMD_DISSECT_VERITY_SIGNATURE", "on", "SYSTEMD_ALLOW_USERSPACE_VERITY", "true",
                "SYSTEMD_DISSECT_VERITY_GUESS", "t")));
    }

    @Test
    void of_unparsableValue_keepsTheDefault() {
        assertEquals(DissectEnvironment.defaults(), DissectEnvironment.of(Map.of(
                "SYSTEMD_DISSECT_VERITY_SIDECAR", "", "SYSTEMD_DISSECT_VERITY_EMBEDDED", "maybe",
                "SYSTEMD_DISSECT_VERITY_SIGNATURE", " 0", "SYSTEMD_DISSECT_VERITY_GUESS", "2")));
    }

    @Test
    void of_unparsableAllowUserspaceVerity_refusesUserspaceChecksAsUpstream() {
        // upstream's validate_signature_userspace() treats a parse failure as "refuse", unlike the other switches
        assertEquals(new DissectEnvironment(true, true, true, false, true),
                DissectEnvironment.of(Map.of("SYSTEMD_ALLOW_USERSPACE_VERITY", "sometimes")));
        assertEquals(new DissectEnvironment(true, true, true, false, true),
                DissectEnvironment.of(Map.of("SYSTEMD_ALLOW_USERSPACE_VERITY", "")));
    }
}
