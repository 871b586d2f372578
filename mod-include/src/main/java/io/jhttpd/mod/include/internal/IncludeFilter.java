package io.jhttpd.mod.include.internal;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.OutputFilter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code INCLUDES} filter's work on one document: text outside elements passes on as it comes
 * (each brigade's output goes down before the next brigade is read), elements are replaced by
 * what they produce, and text in a false {@code if} branch is dropped. Included documents and
 * command output are passed straight into the chain below, after what came before them.
 */
final class IncludeFilter implements OutputFilter, SsiScanner.Sink {

    /** Apache's default {@code errmsg}. */
    static final String DEFAULT_ERROR = "[an error occurred while processing this directive]";
    /** Apache's default text for an unset variable ({@code SSIUndefinedEcho}). */
    static final String DEFAULT_UNDEFINED = "(none)";
    private static final int FILE_CHUNK = 8192;

    private final SsiHost host;
    private final SsiScanner scanner;
    private final ZoneId localZone;
    private String errorMessage;
    private String timeFormat;
    private String undefinedEcho;
    private boolean sizeAbbrev = true;
    /** Apache's {@code SSI_FLAG_PRINTING}: text and elements here take effect. */
    private boolean printing = true;
    /** Apache's {@code SSI_FLAG_COND_TRUE}: a branch of the current if was taken. */
    private boolean conditionTrue = true;
    /** Apache's {@code if_nesting_level}: ifs opened where nothing printed, whose branches are all skipped. */
    private int skippedIfs;
    private Brigade out = new Brigade();
    private Next next;

    IncludeFilter(SsiHost host, IncludeSettings settings, ZoneId localZone) {
        this.host = host;
        this.scanner = new SsiScanner(settings.startTag(), settings.endTag());
        this.errorMessage = settings.errorMessage();
        this.timeFormat = settings.timeFormat();
        this.undefinedEcho = settings.undefinedEcho();
        this.localZone = localZone;
    }

    @Override
    public void filter(Brigade brigade, Next next) throws IOException {
        this.next = next;
        Bucket b;
        while ((b = brigade.poll()) != null) {
            if (b instanceof Bucket.Data d) {
                scanner.feed(d.buffer(), this);
            } else if (b instanceof Bucket.FileRegion f) {
                feedFile(f);
            } else if (b instanceof Bucket.EndOfStream) {
                scanner.finish(this);
                out.add(b);
            } else {
                out.add(b);
            }
        }
        pushOut();
    }

    private void feedFile(Bucket.FileRegion f) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(FILE_CHUNK, Math.max(1, f.count())));
        long done = 0;
        while (done < f.count()) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), f.count() - done));
            int n = f.channel().read(buf, f.position() + done);
            if (n < 0) {
                throw new IOException("file shorter than its bucket: " + f);
            }
            done += n;
            buf.flip();
            // slices of the chunk may be kept downstream, so each chunk gets its own array
            ByteBuffer chunk = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
            scanner.feed(chunk, this);
        }
    }

    private void pushOut() throws IOException {
        if (!out.isEmpty()) {
            Brigade b = out;
            out = new Brigade();
            next.pass(b);
        }
    }

    // ---- scanner events

    @Override
    public void text(ByteBuffer bytes) {
        if (printing && bytes.hasRemaining()) {
            out.add(Bucket.data(bytes));
        }
    }

    @Override
    public void unterminated() {
        if (printing) {
            host.error("an SSI element was not closed before the end of the document (or is too long)");
            emit(errorMessage);
        }
    }

    @Override
    public void element(String body) throws IOException {
        Element e;
        try {
            e = Element.parse(body);
        } catch (IllegalArgumentException ex) {
            fail(ex.getMessage());
            return;
        }
        switch (e.name) {
            // Apache's flags model, quirks included: a branch element outside any if acts on the
            // document's own "condition" (true at the start), and a broken if or elif is reported
            // and skips the rest of its if
            case "if" -> {
                if (!printing) {
                    skippedIfs++;
                } else {
                    branch(e, true);
                }
                return;
            }
            case "elif" -> {
                if (skippedIfs == 0) {
                    branch(e, false);
                }
                return;
            }
            case "else" -> {
                if (skippedIfs == 0) {
                    printing = !conditionTrue;
                    conditionTrue = true;
                }
                return;
            }
            case "endif" -> {
                if (skippedIfs == 0) {
                    printing = true;
                    conditionTrue = true;
                } else {
                    skippedIfs--;
                }
                return;
            }
            default -> {
                // other elements only act where text prints
            }
        }
        if (!printing) {
            return;
        }
        if (e.attributes.isEmpty() ? !e.name.equals("printenv") : e.name.equals("printenv")) {
            fail(e.attributes.isEmpty() ? "missing argument for " + e.name + " element" : "printenv directive does not take tags");
            return;
        }
        try {
            switch (e.name) {
                case "echo" -> echo(e);
                case "set" -> set(e);
                case "config" -> config(e);
                case "include" -> include(e);
                case "fsize", "flastmod" -> fileFact(e);
                case "printenv" -> printenv();
                case "exec" -> exec(e);
                default -> fail("unknown SSI element '" + e.name + "'");
            }
        } catch (IllegalArgumentException ex) {
            fail(ex.getMessage());
        }
    }

    /** An {@code if} or {@code elif}: the branch prints if its {@code expr} holds and no earlier one did. */
    private void branch(Element e, boolean isIf) {
        String expr = e.attributes.size() == 1 && e.attributes.get(0)[0].equals("expr") ? e.attributes.get(0)[1] : null;
        if (expr == null) {
            brokenBranch(e.name + " takes one argument, expr");
            return;
        }
        if (!isIf && conditionTrue) {
            printing = false;
            return;
        }
        boolean holds;
        try {
            holds = SsiExpr.evaluate(expr, this::variable);
        } catch (IllegalArgumentException ex) {
            brokenBranch(ex.getMessage());
            return;
        }
        printing = holds;
        conditionTrue = holds;
    }

    private void brokenBranch(String why) {
        fail(why);
        printing = false;
        conditionTrue = true;
    }

    // ---- elements

    private void echo(Element e) {
        String encoding = "entity";
        boolean any = false;
        for (String[] a : e.attributes) {
            switch (a[0]) {
                case "encoding" -> {
                    encoding = a[1].toLowerCase(Locale.ROOT);
                    if (!encoding.equals("none") && !encoding.equals("url") && !encoding.equals("entity")) {
                        throw new IllegalArgumentException("unknown encoding '" + a[1] + "' for echo");
                    }
                }
                case "var" -> {
                    any = true;
                    String v = variable(SsiExpr.substitute(a[1], this::variable));
                    emit(v == null ? undefinedEcho : encode(v, encoding));
                }
                default -> throw new IllegalArgumentException("unknown parameter '" + a[0] + "' to echo");
            }
        }
        if (!any) {
            throw new IllegalArgumentException("echo without var");
        }
    }

    private void set(Element e) {
        String name = null;
        for (String[] a : e.attributes) {
            switch (a[0]) {
                case "var" -> name = SsiExpr.substitute(a[1], this::variable);
                case "value" -> {
                    if (name == null) {
                        throw new IllegalArgumentException("variable must precede value in set directive");
                    }
                    host.setVariable(name, SsiExpr.substitute(a[1], this::variable));
                    name = null;
                }
                case "encoding", "decoding" -> {
                    // values are taken as written
                }
                default -> throw new IllegalArgumentException("unknown parameter '" + a[0] + "' to set");
            }
        }
        if (name != null) {
            throw new IllegalArgumentException("set of " + name + " without a value");
        }
    }

    private void config(Element e) {
        for (String[] a : e.attributes) {
            String v = SsiExpr.substitute(a[1], this::variable);
            switch (a[0]) {
                case "errmsg" -> errorMessage = v;
                case "timefmt" -> timeFormat = v;
                case "echomsg" -> undefinedEcho = v;
                case "sizefmt" -> {
                    if (v.equalsIgnoreCase("bytes")) {
                        sizeAbbrev = false;
                    } else if (v.equalsIgnoreCase("abbrev")) {
                        sizeAbbrev = true;
                    } else {
                        throw new IllegalArgumentException("unknown sizefmt '" + v + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown parameter '" + a[0] + "' to config");
            }
        }
    }

    private void include(Element e) throws IOException {
        for (String[] a : e.attributes) {
            String path = SsiExpr.substitute(a[1], this::variable);
            String uri;
            switch (a[0]) {
                case "virtual" -> uri = path;
                case "file" -> uri = relativeUri(path);
                case "onerror" -> {
                    continue;
                }
                default -> throw new IllegalArgumentException("unknown parameter '" + a[0] + "' to include");
            }
            if (uri == null) {
                fail("unable to include file '" + path + "': it must be a relative path without ../");
                continue;
            }
            pushOut();
            int status = host.include(uri, next);
            if (status != 0) {
                fail("unable to include \"" + uri + "\": status " + status);
            }
        }
    }

    private void exec(Element e) throws IOException {
        if (!host.execAllowed()) {
            fail("exec used but not allowed (Options IncludesNOEXEC or no Options Includes)");
            return;
        }
        for (String[] a : e.attributes) {
            String v = SsiExpr.substitute(a[1], this::variable);
            switch (a[0]) {
                case "cmd" -> {
                    pushOut();
                    if (!host.exec(v, next)) {
                        fail("execution failure for parameter \"cmd\" to tag exec");
                    }
                }
                case "cgi" -> {
                    pushOut();
                    // as Apache's include_cgi: the script gets the page's own query string
                    String args = host.variable("DOCUMENT_ARGS");
                    String uri = v.indexOf('?') < 0 && args != null && !args.isEmpty() ? v + "?" + args : v;
                    int status = host.include(uri, next);
                    if (status != 0) {
                        fail("unable to include cgi \"" + v + "\": status " + status);
                    }
                }
                default -> throw new IllegalArgumentException("unknown parameter '" + a[0] + "' to exec");
            }
        }
    }

    private void fileFact(Element e) {
        for (String[] a : e.attributes) {
            boolean virtual;
            switch (a[0]) {
                case "virtual" -> virtual = true;
                case "file" -> virtual = false;
                default -> throw new IllegalArgumentException("unknown parameter '" + a[0] + "' to " + e.name);
            }
            String path = SsiExpr.substitute(a[1], this::variable);
            if (!virtual && relativeUri(path) == null) {
                fail("unable to get information about '" + path + "': it must be a relative path without ../");
                continue;
            }
            SsiHost.FileFacts f = host.stat(path, virtual);
            if (f == null) {
                emit(errorMessage);
            } else if (e.name.equals("fsize")) {
                emit(sizeAbbrev ? abbreviatedSize(f.size()) : groupedSize(f.size()));
            } else {
                emit(StrfTime.format(timeFormat, f.lastModified(), localZone, false));
            }
        }
    }

    private void printenv() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> v : allVariables().entrySet()) {
            sb.append(Encoding.entity(v.getKey())).append('=').append(Encoding.entity(v.getValue())).append('\n');
        }
        emit(sb.toString());
    }

    // ---- variables

    /** A variable by name, with the time-dependent ones ({@code DATE_LOCAL}, ...) formatted by the current timefmt. */
    String variable(String name) {
        String v = host.variable(name);
        if (v != null) {
            return v;
        }
        switch (name) {
            case "DATE_LOCAL":
                return StrfTime.format(timeFormat, host.now(), localZone, false);
            case "DATE_GMT":
                return StrfTime.format(timeFormat, host.now(), ZoneOffset.UTC, true);
            case "LAST_MODIFIED":
                return host.lastModified() < 0 ? null : StrfTime.format(timeFormat, host.lastModified(), localZone, false);
            default:
                return null;
        }
    }

    private Map<String, String> allVariables() {
        Map<String, String> all = new LinkedHashMap<>(host.variables());
        for (String lazy : List.of("DATE_LOCAL", "DATE_GMT", "LAST_MODIFIED")) {
            String v = variable(lazy);
            if (v != null) {
                all.putIfAbsent(lazy, v);
            }
        }
        return all;
    }

    // ---- helpers

    private static String encode(String value, String encoding) {
        return switch (encoding) {
            case "none" -> value;
            case "url" -> Encoding.url(value);
            default -> Encoding.entity(value);
        };
    }

    /** {@code file=}'s path as a URI next to the document's, or {@code null} if it is absolute or climbs. */
    private String relativeUri(String path) {
        if (path.startsWith("/") || path.equals("..") || path.startsWith("../") || path.contains("/../") || path.endsWith("/..")) {
            return null;
        }
        String uri = host.variable("DOCUMENT_URI");
        String dir = uri == null ? "/" : uri.substring(0, uri.lastIndexOf('/') + 1);
        return dir + path;
    }

    private void fail(String why) {
        host.error(why);
        emit(errorMessage);
    }

    private void emit(String text) {
        if (!text.isEmpty()) {
            out.add(Bucket.data(text));
        }
    }

    /** Apache's {@code apr_strfsize}: at most 4 characters, "973 ", "1.0K", " 12M". */
    static String abbreviatedSize(long size) {
        if (size < 0) {
            return "  - ";
        }
        if (size < 973) {
            return String.format("%3d ", size);
        }
        String units = "KMGTPE";
        int unit = 0;
        long s = size;
        while (true) {
            int remain = (int) (s & 1023);
            s >>= 10;
            if (s >= 973) {
                unit++;
                continue;
            }
            if (s < 9 || (s == 9 && remain < 973)) {
                int tenth = ((remain * 5) + 256) / 512;
                if (tenth >= 10) {
                    s++;
                    tenth = 0;
                }
                return s + "." + tenth + units.charAt(unit);
            }
            if (remain >= 512) {
                s++;
            }
            return String.format("%3d%c", s, units.charAt(unit));
        }
    }

    /** {@code sizefmt bytes}: the size with thousands separated by commas, as Apache writes it. */
    static String groupedSize(long size) {
        return String.format(Locale.ROOT, "%,d", size);
    }

    /** One parsed element: its name (lower case) and its attributes in order (names lower case). */
    static final class Element {
        final String name;
        final List<String[]> attributes;

        private Element(String name, List<String[]> attributes) {
            this.name = name;
            this.attributes = attributes;
        }

        String value(String attribute) {
            for (String[] a : attributes) {
                if (a[0].equals(attribute)) {
                    return a[1];
                }
            }
            return null;
        }

        /** Parses {@code name attr="value" attr='value' attr=`value` attr=value}; a backslash escapes the quote. */
        static Element parse(String body) {
            String s = body.strip();
            int i = 0;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i == 0) {
                throw new IllegalArgumentException("SSI element without a name");
            }
            String name = s.substring(0, i).toLowerCase(Locale.ROOT);
            List<String[]> attrs = new ArrayList<>();
            while (true) {
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i == s.length()) {
                    break;
                }
                int from = i;
                while (i < s.length() && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                String attr = s.substring(from, i).toLowerCase(Locale.ROOT);
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i == s.length() || s.charAt(i) != '=') {
                    // a lone word, as in <!--#printenv --> or <!--#else -->'s stray text
                    attrs.add(new String[] {attr, ""});
                    continue;
                }
                i++;
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                StringBuilder v = new StringBuilder();
                if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'' || s.charAt(i) == '`')) {
                    char q = s.charAt(i++);
                    while (i < s.length() && s.charAt(i) != q) {
                        if (s.charAt(i) == '\\' && i + 1 < s.length() && s.charAt(i + 1) == q) {
                            i++;
                        }
                        v.append(s.charAt(i++));
                    }
                    if (i == s.length()) {
                        throw new IllegalArgumentException("unterminated value of '" + attr + "' in " + name);
                    }
                    i++;
                } else {
                    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                        v.append(s.charAt(i++));
                    }
                }
                attrs.add(new String[] {attr, v.toString()});
            }
            return new Element(name, attrs);
        }
    }
}
