package io.jhttpd.kernel.core;

import io.jhttpd.api.AcceptPathInfo;
import io.jhttpd.api.Option;
import io.jhttpd.api.OverrideClass;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The core's per-directory settings, merged as Apache merges them: {@code Options} with {@code +}/{@code -}
 * adjust the outer value, plain {@code Options} replace it; everything else: inner wins where set.
 */
public final class CoreDirConfig {

    /** How {@code ErrorDocument} answers a status. */
    public record ErrorDocument(String target, boolean isText) {
        /** {@code ErrorDocument N default}: back to the canned page, also where an outer section set one. */
        static final ErrorDocument DEFAULT = new ErrorDocument("default", false);
    }

    // Options: absolute set, or relative adds/removes on the outer value
    EnumSet<Option> options;
    EnumSet<Option> optionsAdd = EnumSet.noneOf(Option.class);
    EnumSet<Option> optionsRemove = EnumSet.noneOf(Option.class);
    /** This section's {@code Require} lines and containers (a {@code <RequireAny>}), or null where it has none. */
    List<Authorization.Rule> requires;
    Map<Integer, ErrorDocument> errorDocuments = new HashMap<>();
    String setHandler;
    boolean setHandlerSet;
    Map<String, String> addHandlers = new HashMap<>();
    AcceptPathInfo acceptPathInfo;
    long limitRequestBody = -1;
    String serverSignature;
    /** {@code AllowOverride}: null when not set here (None). */
    EnumSet<OverrideClass> overrides;
    /** {@code AllowOverride Options=...}: the options .htaccess may set, or null for all. */
    EnumSet<Option> overrideOptions;
    boolean nonfatalOverride;
    boolean nonfatalUnknown;
    /** {@code AllowOverrideList}: directive names, lower case; null when not set here. */
    Set<String> overrideList;

    static CoreDirConfig merge(CoreDirConfig base, CoreDirConfig add) {
        CoreDirConfig m = new CoreDirConfig();
        // Invariant: when options is set, optionsAdd/optionsRemove are already applied and empty.
        if (add.options != null) {
            m.options = EnumSet.copyOf(add.options);
        } else if (base.options != null) {
            m.options = EnumSet.copyOf(base.options);
            m.options.addAll(add.optionsAdd);
            m.options.removeAll(add.optionsRemove);
        } else {
            m.optionsAdd = EnumSet.copyOf(base.optionsAdd);
            m.optionsAdd.removeAll(add.optionsRemove);
            m.optionsAdd.addAll(add.optionsAdd);
            m.optionsRemove = EnumSet.copyOf(base.optionsRemove);
            m.optionsRemove.removeAll(add.optionsAdd);
            m.optionsRemove.addAll(add.optionsRemove);
        }
        // AuthMerging Off, Apache's default: a section's own Require lines replace the outer ones
        m.requires = add.requires != null ? add.requires : base.requires;
        m.errorDocuments = new HashMap<>(base.errorDocuments);
        m.errorDocuments.putAll(add.errorDocuments);
        m.setHandlerSet = add.setHandlerSet || base.setHandlerSet;
        m.setHandler = add.setHandlerSet ? add.setHandler : base.setHandler;
        m.addHandlers = new HashMap<>(base.addHandlers);
        m.addHandlers.putAll(add.addHandlers);
        m.acceptPathInfo = add.acceptPathInfo != null ? add.acceptPathInfo : base.acceptPathInfo;
        m.limitRequestBody = add.limitRequestBody >= 0 ? add.limitRequestBody : base.limitRequestBody;
        m.serverSignature = add.serverSignature != null ? add.serverSignature : base.serverSignature;
        if (add.overrides != null) {
            m.overrides = add.overrides;
            m.overrideOptions = add.overrideOptions;
            m.nonfatalOverride = add.nonfatalOverride;
            m.nonfatalUnknown = add.nonfatalUnknown;
        } else {
            m.overrides = base.overrides;
            m.overrideOptions = base.overrideOptions;
            m.nonfatalOverride = base.nonfatalOverride;
            m.nonfatalUnknown = base.nonfatalUnknown;
        }
        m.overrideList = add.overrideList != null ? add.overrideList : base.overrideList;
        return m;
    }

    /** True if {@code AllowOverride} or {@code AllowOverrideList} lets anything into access files here. */
    public boolean readsAccessFiles() {
        return overrides != null && !overrides.isEmpty() || overrideList != null && !overrideList.isEmpty();
    }

    /** True if a directive of class {@code c} named {@code name} may stand in an access file here. */
    public boolean allowsInAccessFile(OverrideClass c, String name) {
        if (overrideList != null && overrideList.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        if (c == null || overrides == null || overrides.isEmpty()) {
            return false;
        }
        return c == OverrideClass.ANY || overrides.contains(c);
    }

    /** {@code AllowOverride Options=a,b}: the options an access file may name, or null for any. */
    public Set<Option> overrideOptions() {
        return overrideOptions;
    }

    /** {@code AllowOverride Nonfatal=Override}: a forbidden directive is skipped with a warning instead of a 500. */
    public boolean nonfatalOverride() {
        return nonfatalOverride;
    }

    /** {@code AllowOverride Nonfatal=Unknown}: an unknown directive is skipped with a warning instead of a 500. */
    public boolean nonfatalUnknown() {
        return nonfatalUnknown;
    }

    /** The effective options; Apache's default is {@code FollowSymLinks}. */
    public Set<Option> options() {
        EnumSet<Option> o = options != null ? EnumSet.copyOf(options) : EnumSet.of(Option.FOLLOW_SYMLINKS);
        o.addAll(optionsAdd);
        o.removeAll(optionsRemove);
        return o;
    }

    /** Whether {@code r} may have what it asked for: granted where no section has a {@code Require}. */
    public Authorization.Result authorize(io.jhttpd.api.Request r) {
        if (requires == null) {
            return Authorization.Result.GRANTED;
        }
        boolean denied = false;
        boolean applied = false;
        for (Authorization.Rule rule : requires) {
            if (!rule.appliesTo(r)) {
                continue;
            }
            applied = true;
            Authorization.Result res = rule.check(r);
            if (res == Authorization.Result.GRANTED) {
                return res;
            }
            denied |= res == Authorization.Result.DENIED;
        }
        if (!applied) {
            // every line is in a <Limit> of other methods: as if the section had none (Apache grants)
            return Authorization.Result.GRANTED;
        }
        return denied ? Authorization.Result.DENIED : Authorization.Result.NEUTRAL;
    }

    /** The {@code ErrorDocument} for {@code status}, or {@code null} for the canned page. */
    public ErrorDocument errorDocument(int status) {
        ErrorDocument d = errorDocuments.get(status);
        return d == ErrorDocument.DEFAULT ? null : d;
    }

    /** True if a {@code SetHandler} applies here (also {@code SetHandler none}). */
    public boolean isSetHandlerSet() {
        return setHandlerSet;
    }

    /** The {@code SetHandler} value, or {@code null} (also for {@code SetHandler none}). */
    public String setHandler() {
        return setHandler;
    }

    public String handlerForExtension(String ext) {
        return addHandlers.get(ext);
    }

    public boolean hasAddHandlers() {
        return !addHandlers.isEmpty();
    }

    public AcceptPathInfo acceptPathInfo() {
        return acceptPathInfo == null ? AcceptPathInfo.DEFAULT : acceptPathInfo;
    }

    /** {@code LimitRequestBody} in bytes; 0 means unlimited; default 1 GiB as Apache 2.4.54+. */
    public long limitRequestBody() {
        return limitRequestBody >= 0 ? limitRequestBody : 1L << 30;
    }

    /** {@code off}, {@code on} or {@code email}. */
    public String serverSignature() {
        return serverSignature == null ? "off" : serverSignature;
    }
}
