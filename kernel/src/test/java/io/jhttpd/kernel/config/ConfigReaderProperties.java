package io.jhttpd.kernel.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of argument quoting and line continuation. The reader runs with an empty
 * environment: {@code ${NAME}} is expanded before splitting and cannot be quoted, so the round
 * trip holds for every string only where no variable is defined.
 */
class ConfigReaderProperties {

    @Provide
    Arbitrary<List<String>> argumentLists() {
        Arbitrary<String> argument = Arbitraries.strings()
                .withCharRange(' ', '~')
                .withChars('\t', '\u00e9', '\u20ac', '\u2603')
                .ofMaxLength(12);
        return argument.list().ofMaxSize(6);
    }

    @Property
    void quotedArgumentsReadBackUnchanged(@ForAll("argumentLists") List<String> args) throws ConfigError {
        String quoted = args.stream().map(ConfigArguments::quote).collect(Collectors.joining(" "));
        ConfigNode node = single(reader().readText("Directive " + quoted + "\n", "p"));
        assertEquals(args, node.args());
        assertEquals(quoted, node.rawArgs());
        assertEquals(args, ConfigArguments.split(quoted));
    }

    @Property
    void continuationAnywhereGivesTheSameNode(@ForAll("argumentLists") List<String> args,
                                              @ForAll @Size(max = 5) List<@IntRange(max = 10_000) Integer> cuts,
                                              @ForAll boolean crlf) throws ConfigError {
        String line = "Directive " + args.stream().map(ConfigArguments::quote).collect(Collectors.joining(" "));
        TreeSet<Integer> positions = new TreeSet<>();
        cuts.forEach(cut -> positions.add(cut % (line.length() + 1)));
        StringBuilder continued = new StringBuilder();
        int from = 0;
        for (int position : positions) {
            continued.append(line, from, position).append('\\').append(crlf ? "\r\n" : "\n");
            from = position;
        }
        continued.append(line.substring(from)).append('\n');

        ConfigNode expected = single(reader().readText(line + "\n", "p"));
        assertEquals(expected, single(reader().readText(continued.toString(), "p")));
    }

    @Property
    void continuationAtWhitespaceWithIndentationKeepsTheArguments(
            @ForAll("argumentLists") List<String> args,
            @ForAll @Size(max = 6) List<Boolean> breaks,
            @ForAll @StringLength(max = 4) @Chars({' ', '\t'}) String indent) throws ConfigError {
        StringBuilder line = new StringBuilder("Directive");
        for (int i = 0; i < args.size(); i++) {
            boolean breakHere = i < breaks.size() && breaks.get(i);
            line.append(breakHere ? " \\\n" + indent : " ").append(ConfigArguments.quote(args.get(i)));
        }
        ConfigNode node = single(reader().readText(line + "\n", "p"));
        assertEquals("Directive", node.name());
        assertEquals(1, node.line());
        assertEquals(args, node.args());
    }

    private static ConfigReader reader() {
        return new ConfigReader(Path.of("/"), Map.of(), new NoModules(), name -> null);
    }

    private static ConfigNode single(List<ConfigNode> nodes) {
        assertEquals(1, nodes.size(), nodes::toString);
        return nodes.get(0);
    }

    /** Hooks for text that loads and tests no modules. */
    private static final class NoModules implements ConfigReader.ReadTimeHooks {
        @Override
        public boolean isModuleLoaded(String name) {
            return false;
        }

        @Override
        public void loadModule(String name, String path, Path file, int line) {
            throw new UnsupportedOperationException(name);
        }

        @Override
        public boolean isDirectiveKnown(String name) {
            return false;
        }
    }
}
