package dev.confext.mount.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PlanJsonTest {

    @Provide
    Arbitrary<MergePlan> plans() {
        return PlanArbitraries.plans();
    }

    @Property(tries = 150)
    void write_read_roundTripsCompact(@ForAll("plans") MergePlan plan) throws PlanFormatException {
        assertEquals(plan, PlanJson.read(PlanJson.write(plan, false)));
    }

    @Property(tries = 50)
    void write_read_roundTripsPretty(@ForAll("plans") MergePlan plan) throws PlanFormatException {
        assertEquals(plan, PlanJson.read(PlanJson.write(plan, true)));
    }

    @Property(tries = 50)
    void write_isStable(@ForAll("plans") MergePlan plan) throws PlanFormatException {
        String once = PlanJson.write(plan, false);
        assertEquals(once, PlanJson.write(PlanJson.read(once), false));
        assertTrue(once.startsWith("{\"schemaVersion\":1,"));
        assertTrue(once.endsWith("}\n"));
    }

    @Property(tries = 200)
    void read_arbitraryText_givesPlanOrPlanFormatException(@ForAll("junk") String text) {
        try {
            PlanJson.read(text);
        } catch (PlanFormatException expected) {
            // documented failure
        }
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> mutated = PlanArbitraries.plans().map(p -> PlanJson.write(p, false))
                .flatMap(s -> Arbitraries.integers().between(0, s.length() - 1)
                        .flatMap(i -> Arbitraries.chars().ascii().map(c -> s.substring(0, i) + c + s.substring(i + 1))));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40), mutated);
    }

    @Test
    void read_otherSchemaVersion_fails() {
        PlanFormatException e = assertThrows(PlanFormatException.class, () -> PlanJson.read("{\"schemaVersion\":2}"));
        assertTrue(e.getMessage().contains("schema version 2"), e.getMessage());
    }

    @Test
    void read_missingField_namesIt() {
        PlanFormatException e = assertThrows(PlanFormatException.class,
                () -> PlanJson.read("{\"schemaVersion\":1,\"kind\":\"confext\"}"));
        assertEquals("plan.operation is missing", e.getMessage());
    }

    @Test
    void write_modesAndPaths_areReadable() {
        Overlay overlay = new Overlay(java.util.List.of(Layer.meta(PlanPath.inStaging("/meta/etc")),
                Layer.host(PlanPath.inRoot("/etc"))), java.util.Optional.empty(),
                new MountFlags(true, true, true, true, false), "", 0755,
                new MetadataFiles("confexts", "", "{}\n", java.util.Optional.empty()));
        HierarchyPlan h = new HierarchyPlan("/etc", PlanPath.inRoot("/etc"), true, java.util.Optional.empty(),
                Decision.MERGE, "r", java.util.Optional.of(overlay));
        MergePlan plan = new MergePlan(1, dev.confext.core.api.ExtensionKind.CONFEXT, Operation.MERGE, Decision.MERGE,
                "r", new MutableChoice(dev.confext.core.api.MutableMode.NO, MutableChoice.Source.DEFAULT),
                new PlanOptions(java.util.List.of("/etc"), false, java.util.Optional.empty(), false,
                        java.util.Optional.empty(), java.util.Optional.empty()),
                java.util.List.of(), java.util.List.of(h), new SkipCheck(SkipCheck.Status.NOT_APPLICABLE, "r"),
                java.util.Optional.empty(), java.util.List.of(), java.util.List.of());
        String json = PlanJson.write(plan, false);
        assertTrue(json.contains("\"metaMode\":\"0755\""), json);
        assertTrue(json.contains("{\"kind\":\"host\",\"path\":{\"base\":\"root\",\"path\":\"/etc\"}"), json);
    }
}
