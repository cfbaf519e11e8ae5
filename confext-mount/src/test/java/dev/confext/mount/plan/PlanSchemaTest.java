package dev.confext.mount.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan.schema.json} checked by an independent validator (python3's {@code jsonschema}, Draft 2020-12)
 * against generated plans: every plan {@link PlanJson} writes is valid.
 */
class PlanSchemaTest {
    @TempDir
    Path temp;

    @Test
    void schema_acceptsEveryWrittenPlan() throws Exception {
        requirePythonJsonschema();
        Path schema = temp.resolve("plan.schema.json");
        try (InputStream in = PlanJson.class.getResourceAsStream("plan.schema.json")) {
            Files.write(schema, in.readAllBytes());
        }
        Arbitrary<MergePlan> plans = PlanArbitraries.plans();
        List<MergePlan> samples = plans.sampleStream().limit(60).toList();
        for (int i = 0; i < samples.size(); i++) {
            Files.writeString(temp.resolve("plan-" + i + ".json"), PlanJson.write(samples.get(i), i % 2 == 0));
        }
        String script = "import json,sys,glob,jsonschema\n"
                + "s=json.load(open(sys.argv[1]))\n"
                + "jsonschema.Draft202012Validator.check_schema(s)\n"
                + "v=jsonschema.Draft202012Validator(s)\n"
                + "bad=[(f,e.message) for f in sorted(glob.glob(sys.argv[2]+'/plan-*.json')) for e in v.iter_errors(json.load(open(f)))]\n"
                + "print(bad[:3]); sys.exit(1 if bad else 0)\n";
        Process p = new ProcessBuilder("python3", "-c", script, schema.toString(), temp.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
    }

    private static void requirePythonJsonschema() throws IOException, InterruptedException {
        boolean ok;
        try {
            ok = new ProcessBuilder("python3", "-c", "import jsonschema").start().waitFor() == 0;
        } catch (IOException e) {
            ok = false;
        }
        if (!ok) {
            if (Boolean.parseBoolean(System.getProperty("confext.requireAll"))) {
                fail("python3 with jsonschema is not installed (confext.requireAll=true)");
            }
            Assumptions.assumeTrue(false, "python3 with jsonschema is not installed");
        }
    }
}
