package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.HtmlEscape;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * mod_autoindex's basics: the page listing a directory that has no index file, when
 * {@code Options Indexes} allows it. Byte for byte what Apache 2.4.71 sends without icons or
 * {@code IndexIgnore}:
 *
 * <ul>
 * <li>plain (the default): {@code <ul>} of links, "Parent Directory" first (except at {@code /});</li>
 * <li>{@code IndexOptions FancyIndexing}: a {@code <pre>} table with the name (at most 23
 * characters: longer ones end in {@code ..>}), the modification time ({@code yyyy-MM-dd HH:mm}, local
 * time), and the size as Apache's {@code apr_strfsize} writes it ({@code "  5 "}, {@code "4.9K"},
 * {@code "1.9M"}, {@code "  - "} for directories), with column headers that sort.</li>
 * </ul>
 *
 * Sorted by name (byte order, directories with their trailing slash) unless the query asks for
 * another column: {@code ?C=N|M|S|D;O=A|D}. Names are percent-encoded in links and HTML-escaped in
 * text. An entry whose own lookup the client could not get (denied, not found) is left out, as Apache does.
 */
final class DirectoryListing {

    static final ConfigKey<Settings> KEY = ConfigKey.perDirectory("autoindex", Settings::new, Settings::merge);

    private static final String CONTENT_TYPE = "text/html;charset=ISO-8859-1";
    private static final int NAME_WIDTH = 23;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** {@code IndexOptions}: only {@code FancyIndexing} changes anything yet; the other keywords are accepted. */
    static final class Settings {
        private Boolean fancy;

        private static Settings merge(Settings base, Settings add) {
            Settings m = new Settings();
            m.fancy = add.fancy != null ? add.fancy : base.fancy;
            return m;
        }

        boolean fancy() {
            return fancy != null && fancy;
        }
    }

    private DirectoryListing() {
    }

    static Directive directive() {
        return Directive.of("IndexOptions", ArgShape.ONE_OR_MORE, Scope.EVERYWHERE, (ctx, args) -> {
            Settings s = ctx.config(KEY);
            for (String arg : args) {
                String word = arg.startsWith("+") || arg.startsWith("-") ? arg.substring(1) : arg;
                if (word.equalsIgnoreCase("FancyIndexing")) {
                    s.fancy = !arg.startsWith("-");
                }
            }
        }).override(OverrideClass.INDEXES).help("one or more index options [+|-][]");
    }

    private record Entry(String name, boolean directory, long size, long mtimeMillis) {
        String displayName() {
            return directory ? name + "/" : name;
        }
    }

    /** Answers GET or HEAD for the directory {@code r} maps to. */
    static void send(Request r, Path directory) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String base = PathEscape.escape(r.uri());
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(child, BasicFileAttributes.class);
                } catch (IOException e) {
                    continue;
                }
                Request sub = r.lookupUri(base + PathEscape.escape(name) + (a.isDirectory() ? "/" : ""));
                int status = sub.status();
                if (status != 200 && status != 304 && (status < 300 || status >= 400)) {
                    continue;
                }
                entries.add(new Entry(name, a.isDirectory(), a.size(), a.lastModifiedTime().toMillis()));
            }
        }
        char column = 'N';
        boolean ascending = true;
        String query = r.queryString();
        if (query != null) {
            for (String part : query.split("[;&]")) {
                if (part.length() == 3 && part.startsWith("C=") && "NMSD".indexOf(part.charAt(2)) >= 0) {
                    column = part.charAt(2);
                } else if (part.equals("O=A") || part.equals("O=D")) {
                    ascending = part.charAt(2) == 'A';
                }
            }
        }
        Comparator<Entry> byName = Comparator.comparing(Entry::displayName, DirectoryListing::compareBytes);
        Comparator<Entry> order = switch (column) {
            case 'M' -> Comparator.comparingLong(Entry::mtimeMillis).thenComparing(byName);
            case 'S' -> Comparator.comparingLong((Entry e) -> e.directory() ? -1 : e.size()).thenComparing(byName);
            default -> byName;
        };
        entries.sort(ascending ? order : order.reversed());

        boolean fancy = r.config(KEY).fancy();
        String title = HtmlEscape.escape(trimSlashes(r.uri()));
        StringBuilder page = new StringBuilder(1024);
        page.append("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n")
                .append("<html>\n <head>\n  <title>Index of ").append(title).append("</title>\n </head>\n <body>\n")
                .append("<h1>Index of ").append(title).append("</h1>\n");
        String parent = parentOf(r.uri());
        if (fancy) {
            page.append("<pre>      ");
            header(page, "Name", 'N', column, ascending);
            page.append(" ".repeat(NAME_WIDTH - 4 + 1));
            header(page, "Last modified", 'M', column, ascending);
            page.append("      ");
            header(page, "Size", 'S', column, ascending);
            page.append("  ");
            header(page, "Description", 'D', column, ascending);
            page.append("<hr>");
            if (parent != null) {
                page.append("      <a href=\"").append(HtmlEscape.escape(PathEscape.escape(parent))).append("\">Parent Directory</a>")
                        .append(" ".repeat(NAME_WIDTH - 16 + 1)).append(" ".repeat(21)).append("-   \n");
            }
            ZoneId zone = ZoneId.systemDefault();
            for (Entry e : entries) {
                String shown = e.displayName();
                if (shown.length() > NAME_WIDTH) {
                    shown = shown.substring(0, NAME_WIDTH - 3) + "..>";
                }
                page.append("      <a href=\"").append(href(e)).append("\">").append(HtmlEscape.escape(shown)).append("</a>")
                        .append(" ".repeat(NAME_WIDTH - shown.length() + 1))
                        .append(DATE.format(Instant.ofEpochMilli(e.mtimeMillis()).atZone(zone)))
                        .append("  ").append(e.directory() ? "  - " : sizeText(e.size())).append("  \n");
            }
            page.append("<hr></pre>\n");
        } else {
            page.append("<ul>");
            if (parent != null) {
                page.append("<li><a href=\"").append(HtmlEscape.escape(PathEscape.escape(parent))).append("\"> Parent Directory</a></li>\n");
            }
            for (Entry e : entries) {
                page.append("<li><a href=\"").append(href(e)).append("\"> ").append(HtmlEscape.escape(e.displayName()))
                        .append("</a></li>\n");
            }
            page.append("</ul>\n");
        }
        page.append("</body></html>\n");

        byte[] body = page.toString().getBytes(StandardCharsets.UTF_8);
        r.setContentType(CONTENT_TYPE);
        if (r.isHead()) {
            // Apache's HEAD of a listing has no Content-Length: its page was never made
            r.pass(Brigade.of(Bucket.EOS));
        } else {
            r.headersOut().set("Content-Length", Integer.toString(body.length));
            r.pass(Brigade.of(Bucket.data(body), Bucket.EOS));
        }
    }

    private static String href(Entry e) {
        return HtmlEscape.escape(PathEscape.escape(e.name()) + (e.directory() ? "/" : ""));
    }

    private static void header(StringBuilder page, String label, char key, char column, boolean ascending) {
        char order = key == column && ascending ? 'D' : 'A';
        page.append("<a href=\"?C=").append(key).append(";O=").append(order).append("\">").append(label).append("</a>");
    }

    /**
     * A size in four characters, as APR's {@code apr_strfsize}: bytes below 973 as {@code "%3d "},
     * then K, M, G... with one decimal below 9.5 units.
     */
    static String sizeText(long size) {
        if (size < 0) {
            return "  - ";
        }
        if (size < 973) {
            return String.format(Locale.ROOT, "%3d ", size);
        }
        String units = "KMGTPE";
        int unit = 0;
        while (true) {
            int remain = (int) (size & 1023);
            size >>= 10;
            if (size >= 973) {
                unit++;
                continue;
            }
            if (size < 9 || (size == 9 && remain < 973)) {
                remain = (remain * 5 + 256) / 512;
                if (remain >= 10) {
                    size++;
                    remain = 0;
                }
                return size + "." + remain + units.charAt(unit);
            }
            if (remain >= 512) {
                size++;
            }
            return String.format(Locale.ROOT, "%3d%c", size, units.charAt(unit));
        }
    }

    private static String trimSlashes(String uri) {
        int end = uri.length();
        while (end > 1 && uri.charAt(end - 1) == '/') {
            end--;
        }
        return uri.substring(0, end);
    }

    /** The parent directory's path ending in "/", or {@code null} at the root. */
    private static String parentOf(String uri) {
        String dir = trimSlashes(uri);
        if (dir.equals("/") || dir.isEmpty()) {
            return null;
        }
        return dir.substring(0, dir.lastIndexOf('/') + 1);
    }

    private static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
