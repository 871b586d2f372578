package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.Request;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of one pass of a rule set over one request (Apache's {@code rewrite_ctx} plus the
 * fields of {@code request_rec} mod_rewrite rewrites as it goes): the current file name or URL,
 * query string and path info, and the back-references of the last rule and condition matched.
 */
final class RuleContext {

    static final String[] NO_GROUPS = new String[0];

    final Request request;
    /** The directory of per-directory rules (trailing slash), or null in server context. */
    final String perDirectory;
    final Map<String, RewriteMap> maps;
    /** What the rules rewrite: the URL-path (server context) or file name (directory context). */
    String filename;
    String query;
    /** The path info still appended to {@link #filename} before matching (directory context). */
    String pathInfo;
    /** The rule pattern's groups of the rule being applied. */
    String[] ruleGroups = NO_GROUPS;
    /** The groups of the last condition that matched. */
    String[] conditionGroups = NO_GROUPS;
    /** Headers named by {@code %{HTTP:x}} in the condition being evaluated. */
    final Set<String> varyThis = new LinkedHashSet<>();
    /** Headers the response varies on. */
    final Set<String> vary = new LinkedHashSet<>();
    /** The last rule that substituted (decides whether a server-context result may be stat'ed). */
    RewriteRule lastSubstituting;
    /** True once a back-reference put a {@code ?} into the path when the request had {@code %3f}. */
    boolean unsafeQuestionMark;
    String forcedType;
    String forcedHandler;
    /** The status of an R flag, or 0. */
    int redirectStatus;
    boolean end;
    boolean noEscape;

    RuleContext(Request request, String perDirectory, Map<String, RewriteMap> maps) {
        this.request = request;
        this.perDirectory = perDirectory;
        this.maps = maps;
    }

    void varyOn(String header) {
        varyThis.add(header);
    }
}
