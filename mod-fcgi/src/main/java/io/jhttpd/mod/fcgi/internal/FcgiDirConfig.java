package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-directory settings: {@code ProxyFCGIBackendType}, {@code ProxyFCGISetEnvIf} rules,
 * {@code FcgidWrapper} by suffix and {@code FcgidPassHeader}. Inner sections win; rules and
 * pass-headers add up.
 */
final class FcgiDirConfig {

    static final ConfigKey<FcgiDirConfig> KEY = ConfigKey.perDirectory("fcgi-dir", FcgiDirConfig::new, FcgiDirConfig::merge);

    /** Apache's {@code ProxyFCGIBackendType}. */
    enum BackendType { FPM, GENERIC }

    /** A command line to run for scripts, and whether the script file need not exist. */
    record Wrapper(List<String> command, boolean virtual) {
    }

    BackendType backendType;
    final List<SetEnvRule> setEnvRules = new ArrayList<>();
    /** By lower-case suffix without the dot; the empty key is the wrapper for every script. */
    final Map<String, Wrapper> wrappers = new LinkedHashMap<>();
    final List<String> passHeaders = new ArrayList<>();

    BackendType backendTypeOrDefault() {
        return backendType == null ? BackendType.FPM : backendType;
    }

    private static FcgiDirConfig merge(FcgiDirConfig base, FcgiDirConfig add) {
        FcgiDirConfig m = new FcgiDirConfig();
        m.backendType = add.backendType != null ? add.backendType : base.backendType;
        m.setEnvRules.addAll(base.setEnvRules);
        m.setEnvRules.addAll(add.setEnvRules);
        m.wrappers.putAll(base.wrappers);
        m.wrappers.putAll(add.wrappers);
        m.passHeaders.addAll(base.passHeaders);
        m.passHeaders.addAll(add.passHeaders);
        return m;
    }
}
