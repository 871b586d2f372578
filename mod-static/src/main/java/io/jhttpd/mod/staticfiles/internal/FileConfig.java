package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Scope;
import java.util.List;
import java.util.Locale;

/**
 * How files are sent, per directory (Apache core's settings for its default handler):
 *
 * <pre>
 * FileETag INode|MTime|Size|All|None ...   which parts make the ETag; "+X"/"-X" change the inherited set
 *                                          (default MTime Size, as since Apache 2.3.14)
 * EnableSendfile On|Off                    On: files go out zero-copy (transferTo). Off: read into buffers and
 *                                          written from there, for file systems where sendfile misbehaves.
 *                                          Default On, unlike Apache's Off: Apache's default path is then
 *                                          mmap (EnableMMAP On), which has no cheaper Java equivalent
 * MaxRanges default|unlimited|none|N       most ranges one request may get (default 200); "none" sends
 *                                          Accept-Ranges: none and ignores Range
 * MaxRangeOverlaps default|unlimited|N     most merged overlapping ranges (default 20)
 * MaxRangeReversals default|unlimited|N    most ranges that extend an earlier one downwards (default 20)
 * </pre>
 *
 * An inner section's setting replaces the outer one's; an unset setting inherits.
 */
final class FileConfig {

    static final ConfigKey<FileConfig> KEY = ConfigKey.perDirectory("file-serving", FileConfig::new, FileConfig::merge);

    /** ETag component bits. */
    static final int INODE = 1;
    static final int MTIME = 2;
    static final int SIZE = 4;
    static final int ALL = INODE | MTIME | SIZE;
    /** Apache's default since 2.3.14. */
    static final int DEFAULT_ETAG = MTIME | SIZE;

    private static final int UNSET = Integer.MIN_VALUE;
    /** "default" for a range limit. */
    private static final int DEFAULT_LIMIT = -2;

    /** Absolute components set here, or UNSET; then {@link #etagAdd}/{@link #etagRemove} relative to the parent. */
    private int etagBits = UNSET;
    private int etagAdd;
    private int etagRemove;
    private Boolean sendfile;
    private int maxRanges = UNSET;
    private int maxOverlaps = UNSET;
    private int maxReversals = UNSET;

    static List<Directive> directives() {
        return List.of(
                Directive.of("FileETag", ArgShape.ONE_OR_MORE, Scope.EVERYWHERE, (ctx, args) -> ctx.config(KEY).fileETag(ctx, args))
                        .override(OverrideClass.FILE_INFO)
                        .help("one or more of INode, MTime, Size, All, None, each optionally prefixed with + or -"),
                Directive.of("EnableSendfile", ArgShape.FLAG, Scope.EVERYWHERE,
                        (ctx, args) -> ctx.config(KEY).sendfile = "on".equalsIgnoreCase(args.get(0)))
                        .override(OverrideClass.FILE_INFO)
                        .help("On or Off: send files with the kernel's zero-copy transfer"),
                Directive.of("MaxRanges", ArgShape.TAKE1, Scope.EVERYWHERE,
                        (ctx, args) -> ctx.config(KEY).maxRanges = limit(ctx, args.get(0), true))
                        .override(OverrideClass.FILE_INFO)
                        .help("\"default\", \"none\", \"unlimited\" or a number of ranges"),
                Directive.of("MaxRangeOverlaps", ArgShape.TAKE1, Scope.EVERYWHERE,
                        (ctx, args) -> ctx.config(KEY).maxOverlaps = limit(ctx, args.get(0), false))
                        .override(OverrideClass.FILE_INFO)
                        .help("\"default\", \"unlimited\" or a number of overlapping ranges"),
                Directive.of("MaxRangeReversals", ArgShape.TAKE1, Scope.EVERYWHERE,
                        (ctx, args) -> ctx.config(KEY).maxReversals = limit(ctx, args.get(0), false))
                        .override(OverrideClass.FILE_INFO)
                        .help("\"default\", \"unlimited\" or a number of range reversals"));
    }

    private void fileETag(DirectiveContext ctx, List<String> args) throws ConfigException {
        int bits = 0;
        int add = 0;
        int remove = 0;
        boolean absolute = false;
        boolean relative = false;
        for (String arg : args) {
            char sign = arg.isEmpty() ? 0 : arg.charAt(0);
            boolean signed = sign == '+' || sign == '-';
            String word = (signed ? arg.substring(1) : arg).toLowerCase(Locale.ROOT);
            int part = switch (word) {
                case "inode" -> INODE;
                case "mtime" -> MTIME;
                case "size" -> SIZE;
                case "all" -> ALL;
                case "none" -> 0;
                default -> throw new ConfigException("JH02008 Unknown keyword '" + arg + "' for " + ctx.directiveName()
                        + ": expected INode, MTime, Size, All or None, optionally with + or -");
            };
            if (word.equals("none") || word.equals("all")) {
                if (signed || args.size() > 1) {
                    throw new ConfigException("JH02008 FileETag: '" + word + "' cannot be combined with other keywords");
                }
            }
            if (signed) {
                relative = true;
                if (sign == '+') {
                    add |= part;
                    remove &= ~part;
                } else {
                    remove |= part;
                    add &= ~part;
                }
            } else {
                absolute = true;
                bits |= part;
            }
        }
        if (absolute && relative) {
            throw new ConfigException("JH02008 FileETag: keywords with and without +/- cannot be mixed");
        }
        if (absolute) {
            etagBits = bits;
            etagAdd = 0;
            etagRemove = 0;
        } else {
            etagBits = UNSET;
            etagAdd = add;
            etagRemove = remove;
        }
    }

    private static int limit(DirectiveContext ctx, String value, boolean noneAllowed) throws ConfigException {
        String v = value.toLowerCase(Locale.ROOT);
        switch (v) {
            case "default":
                return DEFAULT_LIMIT;
            case "unlimited":
                return -1;
            case "none":
                if (noneAllowed) {
                    return 0;
                }
                break;
            default:
                try {
                    int n = Integer.parseInt(value);
                    if (n > 0) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // falls through to the error
                }
        }
        throw new ConfigException("JH02009 " + ctx.directiveName() + " takes 'default', "
                + (noneAllowed ? "'none', " : "") + "'unlimited' or a positive number, not '" + value + "'");
    }

    /** The ETag components in force: a bit set of {@link #INODE}, {@link #MTIME}, {@link #SIZE}. */
    int etagComponents() {
        return etagBits != UNSET ? etagBits : applyRelative(DEFAULT_ETAG);
    }

    private int applyRelative(int inherited) {
        return (inherited | etagAdd) & ~etagRemove;
    }

    /** True when files go out zero-copy (the default here; see the class comment). */
    boolean sendfile() {
        return sendfile == null || sendfile;
    }

    /** True unless {@code MaxRanges none}. */
    boolean rangesEnabled() {
        return maxRanges != 0;
    }

    ByteRanges.Limits rangeLimits() {
        ByteRanges.Limits d = ByteRanges.Limits.DEFAULT;
        return new ByteRanges.Limits(orDefault(maxRanges, d.maxRanges()), orDefault(maxOverlaps, d.maxOverlaps()),
                orDefault(maxReversals, d.maxReversals()));
    }

    private static int orDefault(int value, int fallback) {
        return value == UNSET || value == DEFAULT_LIMIT ? fallback : value;
    }

    private static FileConfig merge(FileConfig base, FileConfig add) {
        FileConfig m = new FileConfig();
        // "+X"/"-X" apply on top of whatever the outer sections ended with
        m.etagBits = add.etagBits != UNSET ? add.etagBits : add.applyRelative(base.etagComponents());
        m.sendfile = add.sendfile != null ? add.sendfile : base.sendfile;
        m.maxRanges = add.maxRanges != UNSET ? add.maxRanges : base.maxRanges;
        m.maxOverlaps = add.maxOverlaps != UNSET ? add.maxOverlaps : base.maxOverlaps;
        m.maxReversals = add.maxReversals != UNSET ? add.maxReversals : base.maxReversals;
        return m;
    }
}
