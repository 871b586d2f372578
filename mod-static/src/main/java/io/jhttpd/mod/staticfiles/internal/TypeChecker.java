package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.HookResult;
import io.jhttpd.api.Request;
import io.jhttpd.api.RequestHook;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * mod_mime's type checker: sets the content type from the file name's extensions.
 *
 * <p>Apache reads <em>every</em> dot-separated part after the base name, left to right, and the
 * last part with a known type wins: {@code index.html.en} is {@code text/html},
 * {@code archive.tar.gz} is {@code application/gzip}, {@code evil.php.jpg} is an image. Leading
 * dots belong to the base name ({@code .png} has no extension, {@code .hidden.png} has
 * {@code png}); empty parts ({@code bad..html}) and unknown parts are skipped. An {@code AddType}
 * mapping for a part beats {@code TypesConfig}. Directories get no type (Apache's internal
 * {@code httpd/unix-directory} would only leak into responses), and nothing known means no type
 * at all (2.4 has no {@code DefaultType}).
 */
final class TypeChecker implements RequestHook {

    private volatile MimeTypes types = MimeTypes.EMPTY;

    /** Installs the table read at start-up. */
    void useTypes(MimeTypes table) {
        this.types = table;
    }

    @Override
    public HookResult run(Request r) {
        BasicFileAttributes attributes = r.fileAttributes();
        if (attributes != null && attributes.isDirectory()) {
            return HookResult.declined();
        }
        Path file = r.filename();
        Path name = file == null ? null : file.getFileName();
        if (name == null) {
            return HookResult.declined();
        }
        MimeConfig local = r.config(MimeConfig.KEY);
        Metadata found = metadata(name.toString(), types, local);
        if (found.encoding() != null) {
            r.headersOut().set("Content-Encoding", found.encoding());
        }
        String type = local != null && local.forceType() != null ? local.forceType() : found.type();
        if (type == null) {
            return found.encoding() != null ? HookResult.ok() : HookResult.declined();
        }
        r.setContentType(withDefaultCharset(type, local));
        return HookResult.ok();
    }

    /** What a file's extensions say: its type (with the charset, if any), its encodings. */
    record Metadata(String type, String encoding) {
    }

    /** The type {@code fileName} (no directory part) gets, or {@code null} if none of its extensions is known. */
    static String contentType(String fileName, MimeTypes global, MimeConfig local) {
        return metadata(fileName, global, local).type();
    }

    /**
     * Every extension of {@code fileName}, left to right, as mod_mime's {@code find_ct}: a later
     * type or charset wins, encodings accumulate; the charset is appended to a type that has none.
     */
    static Metadata metadata(String fileName, MimeTypes global, MimeConfig local) {
        int n = fileName.length();
        int i = 0;
        while (i < n && fileName.charAt(i) == '.') {
            i++;
        }
        int dot = fileName.indexOf('.', i);
        if (dot < 0) {
            return new Metadata(null, null);
        }
        String type = null;
        String charset = null;
        String encoding = null;
        int start = dot + 1;
        while (start <= n) {
            int end = fileName.indexOf('.', start);
            if (end < 0) {
                end = n;
            }
            if (end > start) {
                String ext = fileName.substring(start, end).toLowerCase(Locale.ROOT);
                String forced = local == null ? null : local.forcedType(ext);
                if (forced != null) {
                    type = forced;
                } else {
                    String known = global.typeOf(ext);
                    if (known != null) {
                        type = known;
                    }
                }
                if (local != null) {
                    String cs = local.mapping(MimeConfig.Kind.CHARSET, ext);
                    if (cs != null) {
                        charset = cs;
                    }
                    String enc = local.mapping(MimeConfig.Kind.ENCODING, ext);
                    if (enc != null) {
                        encoding = encoding == null ? enc : encoding + ", " + enc;
                    }
                }
            }
            start = end + 1;
        }
        if (type != null && charset != null && !hasCharset(type)) {
            type = type + "; charset=" + charset;
        }
        return new Metadata(type, encoding);
    }

    /** {@code AddDefaultCharset}: text/plain and text/html without a charset get the default one. */
    static String withDefaultCharset(String type, MimeConfig local) {
        String charset = local == null ? null : local.defaultCharset();
        if (charset == null || hasCharset(type)) {
            return type;
        }
        int semi = type.indexOf(';');
        String bare = (semi < 0 ? type : type.substring(0, semi)).trim();
        if (bare.equalsIgnoreCase("text/plain") || bare.equalsIgnoreCase("text/html")) {
            return type + "; charset=" + charset;
        }
        return type;
    }

    private static boolean hasCharset(String type) {
        return type.toLowerCase(Locale.ROOT).contains("charset=");
    }
}
