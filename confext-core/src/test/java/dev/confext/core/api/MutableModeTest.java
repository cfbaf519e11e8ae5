package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MutableModeTest {
    @Test
    void parse_modeWordsAndBooleans() {
        assertEquals(Optional.of(MutableMode.EPHEMERAL_IMPORT), MutableMode.parse("ephemeral-import"));
        assertEquals(Optional.of(MutableMode.YES), MutableMode.parse("ON"));
        assertEquals(Optional.of(MutableMode.NO), MutableMode.parse("f"));
        assertEquals(Optional.empty(), MutableMode.parse("Ephemeral"));
        assertEquals(Optional.empty(), MutableMode.parse(""));
    }

    @Property
    void parse_anyText_givesAModeOrEmpty(@ForAll String text) {
        Optional<MutableMode> mode = MutableMode.parse(text);
        mode.ifPresent(m -> assertEquals(Optional.of(m), MutableMode.parse(m.word())));
    }
}
