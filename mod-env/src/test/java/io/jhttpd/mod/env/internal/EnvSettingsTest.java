package io.jhttpd.mod.env.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How SetEnv/PassEnv/UnsetEnv of nested sections combine, as Apache's merge_env_dir_configs. */
class EnvSettingsTest {

    @Test
    void innerSectionUnsetsWhatOuterSetAndSetsItsOwn() {
        EnvSettings outer = new EnvSettings();
        outer.set("A", "1");
        outer.set("B", "2");
        EnvSettings inner = new EnvSettings();
        inner.unset("A");
        inner.set("C", "3");
        inner.set("B", "22");
        assertEquals(Map.of("B", "22", "C", "3"), EnvSettings.merge(outer, inner).vars());
        assertEquals(Map.of("A", "1", "B", "2"), outer.vars());
    }

    @Test
    void withinOneSectionTheLaterDirectiveWins() {
        EnvSettings s = new EnvSettings();
        s.set("A", "1");
        s.unset("A");
        assertEquals(Map.of(), s.vars());
        s.set("A", "2");
        assertEquals(Map.of("A", "2"), EnvSettings.merge(new EnvSettings(), s).vars());
    }
}
