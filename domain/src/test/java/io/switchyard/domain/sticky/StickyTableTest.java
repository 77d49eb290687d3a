package io.switchyard.domain.sticky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.switchyard.domain.balance.Balancer;
import io.switchyard.domain.balance.Member;
import io.switchyard.domain.balance.MemberState;
import io.switchyard.domain.config.Strategy;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StickyTableTest {

    private static final List<Member> CHILDREN = List.of(
            Member.of("http://10.42.0.7:8080"), Member.of("http://10.42.0.8:8080"), Member.of("default-whoami-80"));
    private static final StickyTable TABLE = StickyTable.of(CHILDREN);

    @ParameterizedTest(name = "{0}: V={1} F={2} FF={3}")
    @CsvSource(delimiter = '|', textBlock = """
            http://10.42.0.7:8080 | 7224574e5eb8702c | 6c47c5aeb37c61e3 | e8ef83e4eab8ab51
            http://10.42.0.8:8080 | 844b4996c28c085d | df2fb1a7b847a01e | 184ac3198251a94c
            default-whoami-80     | 3c7eb0accfc70196 | 59d5a015bf56395b | 90aecf42b4eaa20b
            """)
    void lookup_canonicalAndLegacyValues_specTable(String child, String canonical, String fnv, String fnvOfFnv) {
        assertEquals(fnv, StickyTable.fnv1Hex(child));
        assertEquals(fnvOfFnv, StickyTable.fnv1Hex(fnv));

        assertEquals(child, match(canonical).member().name());
        assertEquals(false, match(canonical).rewrite());
        for (String legacy : List.of(child, fnv, fnvOfFnv)) {
            assertEquals(child, match(legacy).member().name(), legacy);
            assertEquals(true, match(legacy).rewrite(), legacy);
        }
    }

    private static StickyTable.Match match(String value) {
        return TABLE.lookup(value).orElseThrow(() -> new AssertionError("no match for " + value));
    }

    @Test
    void fnv1Hex_rendersWithoutLeadingZeros() {
        // FNV-1 64 of "" is the offset basis itself.
        assertEquals("cbf29ce484222325", StickyTable.fnv1Hex(""));
        assertEquals("af63bd4c8601b7be", StickyTable.fnv1Hex("a"));
    }

    @Test
    void lookup_unknownOrCaseChangedValue_isEmpty() {
        assertEquals(Optional.empty(), TABLE.lookup("0000000000000000"));
        assertEquals(Optional.empty(), TABLE.lookup("7224574E5EB8702C"));
        assertEquals(Optional.empty(), TABLE.lookup(""));
    }

    @Test
    void lookupUp_downChild_isEmptyButFencedChildKeepsItsClients() {
        Member down = new Member("http://10.0.0.1:8080", 1, false, new MemberState());
        Member fenced = new Member("http://10.0.0.2:8080", 1, true, new MemberState());
        down.state().up(false);
        StickyTable table = StickyTable.of(List.of(down, fenced));

        assertEquals(Optional.empty(), table.lookupUp(StickyCookies.value(down.name())));
        assertSame(down, table.lookup(StickyCookies.value(down.name())).orElseThrow().member());
        assertSame(fenced, table.lookupUp(StickyCookies.value(fenced.name())).orElseThrow().member());
    }

    @Test
    void of_balancer_registersOnlyTheChildrenItKnows() {
        Member zero = new Member("svc-zero", 0, false, new MemberState());
        Member one = Member.of("svc-one");
        StickyTable table = StickyTable.of(Balancer.weighted(List.of(zero, one), new Random(1)));

        assertEquals(Optional.empty(), table.lookup(StickyCookies.value("svc-zero")));
        assertSame(one, table.lookup(StickyCookies.value("svc-one")).orElseThrow().member());
    }

    @Test
    void of_survivesAShuffledRebuild_becauseValuesAreDeterministic() {
        StickyTable rebuilt = StickyTable.of(Balancer.of(Strategy.WRR, CHILDREN, new Random(99)));

        assertEquals("http://10.42.0.8:8080",
                rebuilt.lookup("844b4996c28c085d").orElseThrow().member().name());
    }
}
