package io.jhttpd.kernel.core;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Connection;
import io.jhttpd.api.Expression;
import io.jhttpd.api.IpSubnet;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Apache's authorization (mod_authz_core with mod_authz_host's providers): {@code Require} lines
 * and the {@code <RequireAny>}, {@code <RequireAll>}, {@code <RequireNone>} containers, compiled
 * into a tree that answers granted, denied or neutral for a request. The {@code Require} lines of
 * one section are a {@code <RequireAny>}; a request is let in only when the tree grants it.
 *
 * <p>{@code <Limit>} and {@code <LimitExcept>} restrict the lines inside to some methods; where
 * every line of a section is skipped for a request's method, nothing restricts it.
 *
 * <p>Providers: {@code all granted|denied}, {@code ip} (addresses and subnets), {@code local},
 * {@code env}, {@code method}, {@code expr}, each optionally after {@code not}. A negated line
 * never grants: a match denies, anything else is neutral.
 */
public final class Authorization {

    /** What a rule says of a request. */
    public enum Result { GRANTED, DENIED, NEUTRAL }

    /** One {@code Require} line or container. */
    public interface Rule {
        Result check(Request r);

        /** A {@code Require not ...} line, or a container of only such lines. */
        default boolean negative() {
            return false;
        }

        /** False for a rule of a {@code <Limit>} that does not name the request's method: it is skipped. */
        default boolean appliesTo(Request r) {
            return true;
        }
    }

    /** The containers' logic. */
    public enum Kind {
        ANY("RequireAny"), ALL("RequireAll"), NONE("RequireNone");

        final String section;

        Kind(String section) {
            this.section = section;
        }

        /** The container a section name opens ({@code requireall}...), or null. */
        static Kind ofSection(String name) {
            for (Kind k : values()) {
                if (k.section.equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    private Authorization() {
    }

    /** Compiles the arguments of one {@code Require} line written in {@code scope}. */
    static Rule require(List<String> args, Scope scope) throws ConfigException {
        boolean negated = args.get(0).equalsIgnoreCase("not");
        List<String> a = negated ? args.subList(1, args.size()) : args;
        if (a.isEmpty()) {
            throw new ConfigException("Require not needs a provider");
        }
        Rule provider = provider(a.get(0).toLowerCase(Locale.ROOT), a.subList(1, a.size()), scope);
        if (!negated) {
            return provider;
        }
        return new Rule() {
            @Override
            public Result check(Request r) {
                // a negated line cannot grant: not being matched is no reason to let anyone in
                return provider.check(r) == Result.GRANTED ? Result.DENIED : Result.NEUTRAL;
            }

            @Override
            public boolean negative() {
                return true;
            }
        };
    }

    private static Rule provider(String name, List<String> args, Scope scope) throws ConfigException {
        switch (name) {
            case "all":
                if (args.size() == 1 && args.get(0).equalsIgnoreCase("granted")) {
                    return r -> Result.GRANTED;
                }
                if (args.size() == 1 && args.get(0).equalsIgnoreCase("denied")) {
                    return r -> Result.DENIED;
                }
                throw new ConfigException("Require all takes 'granted' or 'denied'");
            case "ip": {
                if (args.isEmpty()) {
                    throw new ConfigException("Require ip takes one or more addresses or subnets");
                }
                List<IpSubnet> subnets = new ArrayList<>();
                for (String a : args) {
                    try {
                        subnets.add(IpSubnet.parse(a));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException("Require ip: " + e.getMessage());
                    }
                }
                IpSubnet[] all = subnets.toArray(new IpSubnet[0]);
                return r -> {
                    String ip = r.remoteIp();
                    for (IpSubnet s : all) {
                        if (s.contains(ip)) {
                            return Result.GRANTED;
                        }
                    }
                    return Result.DENIED;
                };
            }
            case "local":
                if (!args.isEmpty()) {
                    throw new ConfigException("Require local takes no arguments");
                }
                return r -> isLocal(r) ? Result.GRANTED : Result.DENIED;
            case "env": {
                if (args.isEmpty()) {
                    throw new ConfigException("Require env takes one or more variable names");
                }
                List<String> names = List.copyOf(args);
                return r -> {
                    for (String n : names) {
                        if (r.subprocessEnv().containsKey(n)) {
                            return Result.GRANTED;
                        }
                    }
                    return Result.DENIED;
                };
            }
            case "method": {
                if (args.isEmpty()) {
                    throw new ConfigException("Require method takes one or more methods");
                }
                Set<String> methods = methods(args);
                return r -> methods.contains(methodOf(r)) ? Result.GRANTED : Result.DENIED;
            }
            case "expr": {
                Expression e;
                try {
                    e = Expression.parse(String.join(" ", args), scope);
                } catch (ConfigException ex) {
                    throw new ConfigException("Require expr: Cannot parse expression: " + ex.getMessage());
                }
                return r -> e.test(r) ? Result.GRANTED : Result.DENIED;
            }
            case "user":
            case "group":
            case "valid-user":
                throw new ConfigException("Require " + name + " needs an authentication module, which this server does not have");
            case "host":
            case "forward-dns":
                throw new ConfigException("Require " + name + " is not supported: it needs DNS lookups for every request; use Require ip");
            default:
                throw new ConfigException("Unknown Authz provider: " + name);
        }
    }

    /**
     * A container of {@code rules} ({@code <RequireAny>} also for the lines of one section).
     * Refuses what Apache refuses: a negative line in a {@code <RequireAny>}, and a container of
     * negative lines only.
     */
    static Rule container(Kind kind, List<Rule> rules) throws ConfigException {
        if (rules.isEmpty()) {
            throw new ConfigException("<" + kind.section + "> directive contains no authorization directives");
        }
        boolean allNegative = true;
        for (Rule rule : rules) {
            if (rule.negative() && kind == Kind.ANY) {
                throw new ConfigException("negative Require directive has no effect in <RequireAny> directive");
            }
            allNegative &= rule.negative();
        }
        if (allNegative && kind != Kind.NONE) {
            throw new ConfigException("<" + kind.section + "> directive contains only negative authorization directives");
        }
        Rule[] all = rules.toArray(new Rule[0]);
        boolean negative = kind == Kind.NONE;
        return new Rule() {
            @Override
            public Result check(Request r) {
                boolean anyGranted = false;
                boolean anyDenied = false;
                for (Rule rule : all) {
                    Result res = rule.check(r);
                    if (res == Result.GRANTED) {
                        if (kind != Kind.ALL) {
                            return kind == Kind.ANY ? Result.GRANTED : Result.DENIED;
                        }
                        anyGranted = true;
                    } else if (res == Result.DENIED) {
                        if (kind == Kind.ALL) {
                            return Result.DENIED;
                        }
                        anyDenied = true;
                    }
                }
                if (kind == Kind.NONE) {
                    return Result.NEUTRAL;
                }
                return anyGranted ? Result.GRANTED : anyDenied ? Result.DENIED : Result.NEUTRAL;
            }

            @Override
            public boolean negative() {
                return negative;
            }
        };
    }

    /**
     * A rule written inside {@code <Limit methods>} ({@code except} false) or
     * {@code <LimitExcept methods>}: it counts only for requests whose method it names (or does not
     * name); for the others it is skipped, as if not written. HEAD counts as GET, as in Apache.
     */
    static Rule limited(Rule rule, Set<String> methods, boolean except) {
        return new Rule() {
            @Override
            public Result check(Request r) {
                return rule.check(r);
            }

            @Override
            public boolean negative() {
                return rule.negative();
            }

            @Override
            public boolean appliesTo(Request r) {
                return methods.contains(methodOf(r)) != except;
            }
        };
    }

    /** Methods as written in {@code Require method} or {@code <Limit>}, HEAD counted as GET as Apache numbers them (M_GET). */
    static Set<String> methods(List<String> written) {
        Set<String> methods = new TreeSet<>();
        for (String m : written) {
            methods.add(m.equals("HEAD") ? "GET" : m);
        }
        return methods;
    }

    private static String methodOf(Request r) {
        return r.isHead() ? "GET" : r.method();
    }

    /** {@code Require local}: a loopback client, or one connecting from the server's own address. */
    private static boolean isLocal(Request r) {
        Connection c = r.connection();
        if (c == null || c.remoteAddress() == null) {
            return false;
        }
        java.net.InetAddress a = c.remoteAddress().getAddress();
        if (a == null) {
            return false;
        }
        if (a.isLoopbackAddress()) {
            return true;
        }
        return c.localAddress() != null && a.equals(c.localAddress().getAddress());
    }
}
