package io.jhttpd.mod.cgi.internal;

import io.jhttpd.api.ConfigKey;

/**
 * Per-directory CGI settings: {@code CGIScriptTimeout} (unset means the server's {@code Timeout})
 * and {@code CGIPassAuth}. Filled while the configuration is read; merged objects are never changed.
 */
final class CgiSettings {

    static final ConfigKey<CgiSettings> KEY = ConfigKey.perDirectory("cgi", CgiSettings::new, CgiSettings::merge);

    /** Milliseconds one wait for the script may last, or -1 for the server's {@code Timeout}. */
    long scriptTimeoutMillis = -1;
    /** {@code CGIPassAuth}: null when unset here. */
    Boolean passAuth;

    static CgiSettings merge(CgiSettings base, CgiSettings add) {
        CgiSettings m = new CgiSettings();
        m.scriptTimeoutMillis = add.scriptTimeoutMillis >= 0 ? add.scriptTimeoutMillis : base.scriptTimeoutMillis;
        m.passAuth = add.passAuth != null ? add.passAuth : base.passAuth;
        return m;
    }

    boolean passesAuth() {
        return Boolean.TRUE.equals(passAuth);
    }
}
