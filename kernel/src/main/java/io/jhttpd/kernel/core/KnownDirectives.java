package io.jhttpd.kernel.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which module declares a directive the server does not know, so that "Invalid command" can name
 * what to add to the image or load (from {@code known-directives.txt}, read once).
 */
final class KnownDirectives {

    private static final Map<String, String> MODULE_BY_DIRECTIVE = load();

    private KnownDirectives() {
    }

    /**
     * Apache's "Invalid command" message for {@code shown} (as written: {@code RewriteEngine},
     * {@code <Proxy}), naming the module that declares {@code name} when known.
     */
    static String invalidCommand(String shown, String name) {
        String message = "Invalid command '" + shown + "', perhaps misspelled or defined by a module not included in the server configuration";
        String module = MODULE_BY_DIRECTIVE.get(name.toLowerCase(Locale.ROOT));
        if (module == null) {
            return message;
        }
        return message + " (" + name + " belongs to " + module.replace("|", " or ") + ", which this server does not have)";
    }

    private static Map<String, String> load() {
        Map<String, String> map = new HashMap<>();
        try (InputStream in = KnownDirectives.class.getResourceAsStream("known-directives.txt")) {
            if (in == null) {
                return map;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.trim().split("\\s+");
                for (int i = 1; i < words.length; i++) {
                    String d = words[i].startsWith("<") && words[i].endsWith(">") ? words[i].substring(1, words[i].length() - 1) : words[i];
                    map.putIfAbsent(d.toLowerCase(Locale.ROOT), words[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
