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
        String type = contentType(name.toString(), types, r.config(MimeConfig.KEY));
        if (type == null) {
            return HookResult.declined();
        }
        r.setContentType(type);
        return HookResult.ok();
    }

    /** The type {@code fileName} (no directory part) gets, or {@code null} if none of its extensions is known. */
    static String contentType(String fileName, MimeTypes global, MimeConfig local) {
        int n = fileName.length();
        int i = 0;
        while (i < n && fileName.charAt(i) == '.') {
            i++;
        }
        int dot = fileName.indexOf('.', i);
        if (dot < 0) {
            return null;
        }
        String type = null;
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
            }
            start = end + 1;
        }
        return type;
    }
}
