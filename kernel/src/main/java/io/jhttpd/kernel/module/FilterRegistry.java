package io.jhttpd.kernel.module;

import io.jhttpd.api.FilterType;
import io.jhttpd.api.InputFilter;
import io.jhttpd.api.OutputFilter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Output and input filters registered by name (names compare without case, as in Apache). */
public final class FilterRegistry {

    /** A registered output filter. */
    public record OutputEntry(String name, String module, FilterType type, OutputFilter.Factory factory) {
    }

    /** A registered input filter. */
    public record InputEntry(String name, String module, FilterType type, InputFilter.Factory factory) {
    }

    private final Map<String, OutputEntry> outputs = new HashMap<>();
    private final Map<String, InputEntry> inputs = new HashMap<>();

    public void addOutput(OutputEntry e) {
        outputs.put(e.name().toUpperCase(Locale.ROOT), e);
    }

    public void addInput(InputEntry e) {
        inputs.put(e.name().toUpperCase(Locale.ROOT), e);
    }

    public OutputEntry output(String name) {
        return outputs.get(name.toUpperCase(Locale.ROOT));
    }

    public InputEntry input(String name) {
        return inputs.get(name.toUpperCase(Locale.ROOT));
    }
}
