package io.jhttpd.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HookRegistryTest {

    private static List<String> order(HookRegistry r, Phase p) {
        return Arrays.stream(r.hooks(p)).map(HookRegistry.Entry::module).collect(Collectors.toList());
    }

    @Test
    void positionsSortFirstThenModuleNameNotRegistrationOrder() throws ConfigException {
        HookRegistry r = new HookRegistry();
        r.add(Phase.TRANSLATE_NAME, "zeta", x -> HookResult.DECLINED, HookOrder.MIDDLE);
        r.add(Phase.TRANSLATE_NAME, "core", x -> HookResult.OK, HookOrder.REALLY_LAST);
        r.add(Phase.TRANSLATE_NAME, "alpha", x -> HookResult.DECLINED, HookOrder.MIDDLE);
        r.add(Phase.TRANSLATE_NAME, "rewrite", x -> HookResult.DECLINED, HookOrder.FIRST);
        r.sort();
        assertEquals(List.of("rewrite", "alpha", "zeta", "core"), order(r, Phase.TRANSLATE_NAME));
    }

    @Test
    void afterAndBeforeOverridePositionTies() throws ConfigException {
        HookRegistry r = new HookRegistry();
        r.add(Phase.FIXUPS, "alias", x -> HookResult.OK, HookOrder.MIDDLE.after("rewrite"));
        r.add(Phase.FIXUPS, "rewrite", x -> HookResult.OK, HookOrder.MIDDLE);
        r.add(Phase.FIXUPS, "b", x -> HookResult.OK, HookOrder.MIDDLE.before("a"));
        r.add(Phase.FIXUPS, "a", x -> HookResult.OK, HookOrder.MIDDLE);
        r.sort();
        List<String> o = order(r, Phase.FIXUPS);
        assertTrue(o.indexOf("rewrite") < o.indexOf("alias"), o.toString());
        assertTrue(o.indexOf("b") < o.indexOf("a"), o.toString());
    }

    @Test
    void namesOfAbsentModulesAreIgnored() throws ConfigException {
        HookRegistry r = new HookRegistry();
        r.add(Phase.HANDLER, "cgi", x -> HookResult.DECLINED, HookOrder.MIDDLE.after("not-loaded"));
        r.sort();
        assertEquals(List.of("cgi"), order(r, Phase.HANDLER));
    }

    @Test
    void aCycleIsAStartUpErrorNamingTheModules() {
        HookRegistry r = new HookRegistry();
        r.add(Phase.HANDLER, "a", x -> HookResult.DECLINED, HookOrder.MIDDLE.after("b"));
        r.add(Phase.HANDLER, "b", x -> HookResult.DECLINED, HookOrder.MIDDLE.after("a"));
        ConfigException e = assertThrows(ConfigException.class, r::sort);
        assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("a") && e.getMessage().contains("b"), e.getMessage());
    }

    @Test
    void orderIsTheSameWhateverTheRegistrationOrder() throws ConfigException {
        List<String> names = new ArrayList<>(List.of("m1", "m2", "m3", "m4", "m5"));
        List<String> first = null;
        for (int round = 0; round < 20; round++) {
            java.util.Collections.shuffle(names, new java.util.Random(round));
            HookRegistry r = new HookRegistry();
            for (String n : names) {
                r.add(Phase.HANDLER, n, x -> HookResult.DECLINED, n.equals("m3") ? HookOrder.FIRST : HookOrder.MIDDLE);
            }
            r.sort();
            List<String> o = order(r, Phase.HANDLER);
            if (first == null) {
                first = o;
            }
            assertEquals(first, o);
        }
        assertEquals(List.of("m3", "m1", "m2", "m4", "m5"), first);
    }
}
