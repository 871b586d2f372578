package io.jhttpd.mod.headers.internal;

import io.jhttpd.api.ApacheRegex;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Expression;
import io.jhttpd.api.Headers;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Header} or {@code RequestHeader} line, compiled at configuration time:
 * {@code [always|onsuccess] action header [value] [replacement] [early|env=[!]var|expr=...]}.
 */
final class HeaderRule {

    /** Which headers a rule changes. */
    enum Table {
        /** {@code RequestHeader}: the request's headers, before the handler. */
        REQUEST,
        /** {@code Header} (onsuccess): the response's headers, when the handler makes the response. */
        RESPONSE,
        /** {@code Header always}: the headers kept for error pages as well. */
        ALWAYS
    }

    enum Action {
        SET, APPEND, ADD, MERGE, SETIFEMPTY, UNSET, ECHO, EDIT, EDIT_ALL, NOTE
    }

    final Table table;
    final Action action;
    /** The header's name; for {@code echo} a regular expression over request header names. */
    private final String header;
    private final Pattern namePattern;
    private final HeaderValue value;
    private final Pattern editPattern;
    private final String replacement;
    /** Applied when the request has been read, before any section is known ({@code early}). */
    final boolean early;
    private final String envVar;
    private final boolean envNegated;
    private final Expression condition;

    private HeaderRule(Table table, Action action, String header, Pattern namePattern, HeaderValue value, Pattern editPattern,
            String replacement, boolean early, String envVar, boolean envNegated, Expression condition) {
        this.table = table;
        this.action = action;
        this.header = header;
        this.namePattern = namePattern;
        this.value = value;
        this.editPattern = editPattern;
        this.replacement = replacement;
        this.early = early;
        this.envVar = envVar;
        this.envNegated = envNegated;
        this.condition = condition;
    }

    /** Parses the arguments of {@code Header} ({@code request} false) or {@code RequestHeader}. */
    static HeaderRule parse(String directive, boolean request, List<String> argList, Scope scope) throws ConfigException {
        List<String> args = new ArrayList<>(argList);
        Table table = request ? Table.REQUEST : Table.RESPONSE;
        if (!request && !args.isEmpty()) {
            String first = args.get(0).toLowerCase(Locale.ROOT);
            if (first.equals("always") || first.equals("onsuccess")) {
                table = first.equals("always") ? Table.ALWAYS : Table.RESPONSE;
                args.remove(0);
            }
        }
        if (args.size() < 2) {
            throw new ConfigException(directive + " requires three arguments");
        }
        Action action = action(directive, request, args.get(0));
        String header = args.get(1);
        String val = args.size() > 2 ? args.get(2) : null;
        String envclause = args.size() > 3 ? args.get(3) : null;
        String replacement = null;
        if (action == Action.UNSET || action == Action.ECHO) {
            if (val != null) {
                if (envclause != null) {
                    throw new ConfigException(directive + ": too many arguments for " + args.get(0));
                }
                envclause = val;
                val = null;
            }
        } else if (action == Action.EDIT || action == Action.EDIT_ALL) {
            replacement = envclause;
            envclause = args.size() > 4 ? args.get(4) : null;
            if (val == null || replacement == null) {
                throw new ConfigException(directive + " edit requires a match and a substitution");
            }
        } else if (val == null) {
            throw new ConfigException(directive + " requires three arguments");
        } else if (args.size() > 4) {
            throw new ConfigException(directive + ": too many arguments");
        }
        if ((action == Action.EDIT || action == Action.EDIT_ALL) && args.size() > 5
                || (action == Action.UNSET || action == Action.ECHO) && args.size() > 3) {
            throw new ConfigException(directive + ": too many arguments");
        }
        boolean early = false;
        String envVar = null;
        boolean envNegated = false;
        Expression condition = null;
        if (envclause != null) {
            if (envclause.equalsIgnoreCase("early")) {
                if (scope != Scope.SERVER && scope != Scope.VIRTUAL_HOST) {
                    throw new ConfigException(directive + ": 'early' is only allowed in server and virtual host context");
                }
                early = true;
            } else if (envclause.regionMatches(true, 0, "env=", 0, 4)) {
                envVar = envclause.substring(4);
                envNegated = envVar.startsWith("!");
                if (envNegated) {
                    envVar = envVar.substring(1);
                }
                if (envVar.isEmpty()) {
                    throw new ConfigException(directive + ": error: missing environment variable name. envclause=" + envclause);
                }
            } else if (envclause.regionMatches(true, 0, "expr=", 0, 5)) {
                try {
                    condition = Expression.parse(envclause.substring(5), scope);
                } catch (ConfigException e) {
                    throw new ConfigException(directive + ": Cannot parse condition clause: " + e.getMessage());
                }
            } else {
                throw new ConfigException(directive + ": Unknown conditional: " + envclause
                        + " (expected early, env=[!]variable or expr=expression)");
            }
        }
        Pattern namePattern = null;
        Pattern editPattern = null;
        HeaderValue value = null;
        try {
            if (action == Action.ECHO) {
                namePattern = ApacheRegex.compile(header, true);
            } else if (action == Action.EDIT || action == Action.EDIT_ALL) {
                editPattern = ApacheRegex.compile(val, false);
            } else if (action == Action.NOTE) {
                value = HeaderValue.literal(val);
            } else if (val != null) {
                if (val.regionMatches(true, 0, "expr=", 0, 5)) {
                    throw new ConfigException(directive + ": values computed by expr= are not supported; write the value");
                }
                value = HeaderValue.parse(val);
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(directive + ": " + e.getMessage());
        }
        return new HeaderRule(table, action, header, namePattern, value, editPattern, replacement, early, envVar, envNegated, condition);
    }

    private static Action action(String directive, boolean request, String word) throws ConfigException {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "set":
                return Action.SET;
            case "append":
                return Action.APPEND;
            case "add":
                return Action.ADD;
            case "merge":
                return Action.MERGE;
            case "setifempty":
                return Action.SETIFEMPTY;
            case "unset":
                return Action.UNSET;
            case "edit":
                return Action.EDIT;
            case "edit*":
                return Action.EDIT_ALL;
            case "echo":
                if (!request) {
                    return Action.ECHO;
                }
                break;
            case "note":
                if (!request) {
                    return Action.NOTE;
                }
                break;
            default:
                break;
        }
        throw new ConfigException(directive + ": first argument must be 'add', 'set', 'setifempty', 'append', 'merge', 'unset', "
                + (request ? "" : "'echo', 'note', ") + "'edit' or 'edit*', not '" + word + "'");
    }

    /** Changes {@code headers} of {@code r} as this rule says, if its condition holds. */
    void apply(Request r, Headers headers) {
        if (envVar != null && r.subprocessEnv().containsKey(envVar) == envNegated) {
            return;
        }
        if (condition != null && !condition.test(r)) {
            return;
        }
        switch (action) {
            case SET: {
                String v = value.render(r);
                if (table != Table.REQUEST && header.equalsIgnoreCase("Content-Type")) {
                    // the kernel writes the type from the request's content type, as Apache's ap_set_content_type
                    r.setContentType(v);
                }
                headers.set(header, v);
                break;
            }
            case SETIFEMPTY:
                if (headers.get(header) == null) {
                    headers.set(header, value.render(r));
                }
                break;
            case ADD:
                headers.add(header, value.render(r));
                break;
            case APPEND: {
                String old = headers.joined(header);
                String v = value.render(r);
                headers.set(header, old == null ? v : old + ", " + v);
                break;
            }
            case MERGE: {
                String old = headers.joined(header);
                String v = value.render(r);
                if (old == null) {
                    headers.set(header, v);
                } else if (!hasElement(old, v)) {
                    headers.set(header, old + ", " + v);
                }
                break;
            }
            case UNSET:
                headers.remove(header);
                if (table != Table.REQUEST && header.equalsIgnoreCase("Content-Type")) {
                    r.setContentType(null);
                }
                break;
            case ECHO: {
                Headers in = r.headersIn();
                for (int i = 0; i < in.size(); i++) {
                    if (namePattern.matcher(in.nameAt(i)).find()) {
                        headers.add(in.nameAt(i), in.valueAt(i));
                    }
                }
                break;
            }
            case EDIT:
            case EDIT_ALL:
                edit(headers);
                break;
            case NOTE: {
                String v = headers.get(header);
                if (v != null) {
                    r.notes().put(value.render(r), v);
                }
                break;
            }
            default:
                throw new IllegalStateException(action.toString());
        }
    }

    /** {@code edit}/{@code edit*}: each value of the header with the first (every) match replaced, {@code $N} from the match. */
    private void edit(Headers headers) {
        List<String> values = headers.getAll(header);
        if (values.isEmpty()) {
            return;
        }
        headers.remove(header);
        for (String v : values) {
            Matcher m = editPattern.matcher(v);
            StringBuilder sb = new StringBuilder(v.length() + 16);
            int last = 0;
            while (m.find()) {
                sb.append(v, last, m.start()).append(ApacheRegex.substitute(replacement, m));
                last = m.end();
                if (action == Action.EDIT) {
                    break;
                }
            }
            sb.append(v, last, v.length());
            headers.add(header, sb.toString());
        }
    }

    /** Whether {@code v} is already one of the comma-separated elements of {@code list} (a quoted element counts as written). */
    private static boolean hasElement(String list, String v) {
        for (String element : list.split(",")) {
            if (element.trim().equals(v.trim())) {
                return true;
            }
        }
        return false;
    }
}
