package io.jhttpd.kernel.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code httpd} command line, parsed (Apache's flags). */
public final class LaunchOptions {

    /** What the command asks for. */
    public enum Action { RUN, CONFIG_TEST, LIST_MODULES, VERSION, BUILD_SETTINGS, HELP }

    Path serverRoot;
    Path configFile;
    final List<String> directivesBefore = new ArrayList<>();
    final List<String> directivesAfter = new ArrayList<>();
    final Map<String, String> defines = new LinkedHashMap<>();
    boolean foreground;
    Action action = Action.RUN;
    String signal;

    public Path serverRoot() {
        return serverRoot;
    }

    public Path configFile() {
        return configFile;
    }

    public List<String> directivesBefore() {
        return directivesBefore;
    }

    public List<String> directivesAfter() {
        return directivesAfter;
    }

    public Map<String, String> defines() {
        return defines;
    }

    public boolean foreground() {
        return foreground;
    }

    public Action action() {
        return action;
    }

    /** The {@code -k} argument, or {@code null}. */
    public String signal() {
        return signal;
    }

    /** Parses Apache's flags; throws {@link IllegalArgumentException} with a usage message on bad input. */
    public static LaunchOptions parse(String[] args, Path defaultServerRoot) {
        LaunchOptions o = new LaunchOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-f":
                    o.configFile = Path.of(value(args, ++i, a));
                    break;
                case "-d":
                    o.serverRoot = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                    break;
                case "-C":
                    o.directivesBefore.add(value(args, ++i, a));
                    break;
                case "-c":
                    o.directivesAfter.add(value(args, ++i, a));
                    break;
                case "-D": {
                    String d = value(args, ++i, a);
                    int eq = d.indexOf('=');
                    if (eq > 0) {
                        o.defines.put(d.substring(0, eq), d.substring(eq + 1));
                    } else {
                        o.defines.put(d, "");
                    }
                    break;
                }
                case "-X":
                    o.foreground = true;
                    o.defines.put("ONE_PROCESS", "");
                    o.defines.put("NO_DETACH", "");
                    break;
                case "-DFOREGROUND":
                    o.defines.put("FOREGROUND", "");
                    break;
                case "-t":
                    o.action = Action.CONFIG_TEST;
                    break;
                case "-M":
                case "-t -D DUMP_MODULES":
                    o.action = Action.LIST_MODULES;
                    break;
                case "-v":
                    o.action = Action.VERSION;
                    break;
                case "-V":
                    o.action = Action.BUILD_SETTINGS;
                    break;
                case "-h":
                case "-?":
                    o.action = Action.HELP;
                    break;
                case "-k":
                    o.signal = value(args, ++i, a);
                    break;
                default:
                    if (a.startsWith("-D") && a.length() > 2) {
                        o.defines.put(a.substring(2), "");
                    } else {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
            }
        }
        if (o.defines.containsKey("DUMP_MODULES") && o.action == Action.CONFIG_TEST) {
            o.action = Action.LIST_MODULES;
        }
        if (o.serverRoot == null) {
            o.serverRoot = defaultServerRoot;
        }
        if (o.configFile == null) {
            o.configFile = Path.of("conf/httpd.conf");
        }
        if (!o.configFile.isAbsolute()) {
            o.configFile = o.serverRoot.resolve(o.configFile);
        }
        return o;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + flag + " requires an argument");
        }
        return args[i];
    }

    /** The usage text, as {@code httpd -h} prints it. */
    public static String usage() {
        return String.join("\n",
                "Usage: httpd [-D name] [-d directory] [-f file]",
                "             [-C \"directive\"] [-c \"directive\"]",
                "             [-k start|restart|graceful|graceful-stop|stop]",
                "             [-v] [-V] [-h] [-t] [-M] [-X]",
                "Options:",
                "  -D name            : define a name for use in <IfDefine name> directives",
                "  -d directory       : specify an alternate initial ServerRoot",
                "  -f file            : specify an alternate ServerConfigFile",
                "  -C \"directive\"     : process directive before reading config files",
                "  -c \"directive\"     : process directive after reading config files",
                "  -v                 : show version number",
                "  -V                 : show compile settings",
                "  -h                 : list available command line options (this page)",
                "  -M                 : show all loaded modules",
                "  -t                 : run syntax check for config files",
                "  -X                 : debug mode (only one worker, do not detach)",
                "  -k start|stop|...  : send a signal to the running server");
    }
}
