package dev.confext.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec §8.3 and the built-in policies of §1.1. */
class ImagePolicyTest {
    private static final Set<PolicyFlag> USE = EnumSet.of(PolicyFlag.VERITY, PolicyFlag.SIGNED, PolicyFlag.ENCRYPTED,
            PolicyFlag.ENCRYPTED_WITH_INTEGRITY, PolicyFlag.UNPROTECTED, PolicyFlag.UNUSED, PolicyFlag.ABSENT);

    private static Set<PolicyFlag> use(ImagePolicy policy, PartitionDesignator d) {
        Set<PolicyFlag> flags = EnumSet.copyOf(policy.flagsFor(d));
        flags.retainAll(USE);
        return flags;
    }

    @Test
    void parse_specials() throws Exception {
        assertEquals(EnumSet.of(PolicyFlag.UNUSED, PolicyFlag.ABSENT), use(ImagePolicy.parse("", true), PartitionDesignator.ROOT));
        assertEquals(EnumSet.of(PolicyFlag.UNUSED, PolicyFlag.ABSENT), use(ImagePolicy.parse("-", true), PartitionDesignator.USR));
        assertEquals(USE, use(ImagePolicy.parse("*", true), PartitionDesignator.ROOT));
        assertEquals(EnumSet.of(PolicyFlag.ABSENT), use(ImagePolicy.parse("~", true), PartitionDesignator.HOME));
    }

    @Test
    void parse_rulesDefaultsAndWhitespace() throws Exception {
        ImagePolicy p = ImagePolicy.parse(" root = verity + signed : usr=absent:=unprotected+absent", true);
        assertEquals(EnumSet.of(PolicyFlag.VERITY, PolicyFlag.SIGNED), use(p, PartitionDesignator.ROOT));
        assertEquals(EnumSet.of(PolicyFlag.ABSENT), use(p, PartitionDesignator.USR));
        assertEquals(EnumSet.of(PolicyFlag.UNPROTECTED, PolicyFlag.ABSENT), use(p, PartitionDesignator.HOME));
        assertTrue(p.allows(PartitionDesignator.ROOT, PolicyFlag.VERITY));
        assertFalse(p.allows(PartitionDesignator.ROOT, PolicyFlag.UNPROTECTED));
    }

    @Test
    void parse_ruleWithoutUseFlags_meansOpen() throws Exception {
        ImagePolicy p = ImagePolicy.parse("root=:usr=read-only-on", true);
        assertEquals(USE, use(p, PartitionDesignator.ROOT));
        assertEquals(USE, use(p, PartitionDesignator.USR));
        assertTrue(p.flagsFor(PartitionDesignator.USR).contains(PolicyFlag.READ_ONLY_ON));
        assertFalse(p.flagsFor(PartitionDesignator.USR).contains(PolicyFlag.READ_ONLY_OFF));
        assertTrue(p.flagsFor(PartitionDesignator.ROOT).contains(PolicyFlag.GROWFS_ON));
    }

    @Test
    void parse_noDefault_unlistedIgnored() throws Exception {
        ImagePolicy p = ImagePolicy.parse("root=open", true);
        assertEquals(EnumSet.of(PolicyFlag.UNUSED, PolicyFlag.ABSENT), use(p, PartitionDesignator.HOME));
    }

    @Test
    void flagsFor_verityOnlyForRootAndUsr() throws Exception {
        ImagePolicy p = ImagePolicy.parse("home=verity+signed+unprotected", true);
        assertEquals(EnumSet.of(PolicyFlag.UNPROTECTED), use(p, PartitionDesignator.HOME));
    }

    @Test
    void flagsFor_verityPartitionsDerivedFromData() throws Exception {
        ImagePolicy p = ImagePolicy.parse("root=verity+absent:usr=signed", true);
        assertEquals(EnumSet.of(PolicyFlag.UNPROTECTED, PolicyFlag.ABSENT), use(p, PartitionDesignator.ROOT_VERITY));
        // root does not allow signed: the signature partition falls back to the default (ignore)
        assertEquals(EnumSet.of(PolicyFlag.UNUSED, PolicyFlag.ABSENT), use(p, PartitionDesignator.ROOT_VERITY_SIG));
        assertEquals(EnumSet.of(PolicyFlag.UNPROTECTED), use(p, PartitionDesignator.USR_VERITY_SIG));
    }

    @Test
    void builtIns_matchSpec() throws Exception {
        Set<PolicyFlag> protectedOrAbsent = EnumSet.of(PolicyFlag.VERITY, PolicyFlag.SIGNED, PolicyFlag.ENCRYPTED,
                PolicyFlag.ENCRYPTED_WITH_INTEGRITY, PolicyFlag.UNPROTECTED, PolicyFlag.ABSENT);
        ImagePolicy sysext = ImagePolicy.defaultFor(ExtensionKind.SYSEXT);
        assertEquals(protectedOrAbsent, use(sysext, PartitionDesignator.ROOT));
        assertEquals(protectedOrAbsent, use(sysext, PartitionDesignator.USR));
        assertEquals(EnumSet.of(PolicyFlag.UNUSED, PolicyFlag.ABSENT), use(sysext, PartitionDesignator.HOME));
        ImagePolicy confext = ImagePolicy.defaultFor(ExtensionKind.CONFEXT);
        assertEquals(protectedOrAbsent, use(confext, PartitionDesignator.ROOT));
        assertEquals(EnumSet.of(PolicyFlag.UNUSED, PolicyFlag.ABSENT), use(confext, PartitionDesignator.USR));
        assertEquals(EnumSet.of(PolicyFlag.SIGNED, PolicyFlag.ABSENT),
                use(ImagePolicy.strictFor(ExtensionKind.SYSEXT), PartitionDesignator.USR));
        assertEquals(EnumSet.of(PolicyFlag.UNUSED, PolicyFlag.ABSENT),
                use(ImagePolicy.strictFor(ExtensionKind.CONFEXT), PartitionDesignator.USR));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "root=open:root=ignore|ENOTUNIQ",
        "=open:=ignore|ENOTUNIQ",
        "bogus=open|EBADSLT",
        "root=bogus|EBADRQC",
        "root=verity++signed|EBADRQC",
        "root|EINVAL",
        "root=open::usr=open|EINVAL",
    })
    void parse_strictErrors(String text, String errno) {
        ImagePolicyException e = assertThrows(ImagePolicyException.class, () -> ImagePolicy.parse(text, true));
        assertEquals(errno, e.errnoName());
    }

    @Test
    void parse_lenient_ignoresUnknownButNotOtherErrors() throws Exception {
        ImagePolicy p = ImagePolicy.parse("bogus=open:root=verity+bogus", false);
        assertEquals(EnumSet.of(PolicyFlag.VERITY), use(p, PartitionDesignator.ROOT));
        assertThrows(ImagePolicyException.class, () -> ImagePolicy.parse("root=open:root=open", false));
        assertThrows(ImagePolicyException.class, () -> ImagePolicy.parse("root", false));
    }

    @Test
    void toString_parsesBackToEqualPolicy() throws Exception {
        ImagePolicy p = ImagePolicy.parse("root=verity+signed+read-only-on:usr=:=absent", true);
        assertEquals(p, ImagePolicy.parse(p.toString(), true));
    }

    @Provide
    Arbitrary<String> policyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("rootusvea=:+-~* \t").ofMaxLength(30),
                Arbitraries.of("root", "usr", "home", "", "bogus", "root-verity").list().ofMaxSize(4)
                        .flatMap(ds -> Arbitraries.of("open", "ignore", "verity", "signed", "absent", "x", "")
                                .list().ofMaxSize(3).map(fs -> String.join(":",
                                        ds.stream().map(d -> d + "=" + String.join("+", fs)).toList()))));
    }

    @Property(tries = 2000)
    void parse_anyText_givesPolicyOrDocumentedError(@ForAll("policyText") String text) {
        for (boolean strict : new boolean[] {true, false}) {
            try {
                ImagePolicy p = ImagePolicy.parse(text, strict);
                assertEquals(p, ImagePolicy.parse(p.toString(), true));
                for (PartitionDesignator d : PartitionDesignator.values()) {
                    // verity/signature partitions never need protection themselves
                    if (d.dataPartition().isPresent()) {
                        assertFalse(p.allows(d, PolicyFlag.VERITY) || p.allows(d, PolicyFlag.ENCRYPTED), d.word());
                    }
                }
            } catch (ImagePolicyException e) {
                assertTrue(Set.of("ENOTUNIQ", "EBADSLT", "EBADRQC", "EINVAL").contains(e.errnoName()));
                assertFalse(e.getMessage().isEmpty());
            }
        }
    }
}
