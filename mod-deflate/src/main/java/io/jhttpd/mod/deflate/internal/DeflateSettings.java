package io.jhttpd.mod.deflate.internal;

/** mod_deflate's settings for a directory (the server-wide ones live in the server's default section). */
final class DeflateSettings {

    /** {@code DeflateAlterETag}. */
    enum ETagChange { ADD_SUFFIX, NO_CHANGE, REMOVE }

    int level = -1;
    int bufferSize = -1;
    ETagChange alterETag;
    long inflateLimit = -1;
    int ratioLimit = -1;
    int ratioBurst = -1;

    static DeflateSettings merge(DeflateSettings base, DeflateSettings add) {
        DeflateSettings m = new DeflateSettings();
        m.level = add.level >= 0 ? add.level : base.level;
        m.bufferSize = add.bufferSize >= 0 ? add.bufferSize : base.bufferSize;
        m.alterETag = add.alterETag != null ? add.alterETag : base.alterETag;
        m.inflateLimit = add.inflateLimit >= 0 ? add.inflateLimit : base.inflateLimit;
        m.ratioLimit = add.ratioLimit >= 0 ? add.ratioLimit : base.ratioLimit;
        m.ratioBurst = add.ratioBurst >= 0 ? add.ratioBurst : base.ratioBurst;
        return m;
    }

    int level() {
        return level < 0 ? 6 : level;
    }

    int bufferSize() {
        return bufferSize < 0 ? 8096 : bufferSize;
    }

    ETagChange alterETag() {
        return alterETag == null ? ETagChange.ADD_SUFFIX : alterETag;
    }

    /** 0: no limit of its own (the request's LimitRequestBody still holds). */
    long inflateLimit() {
        return inflateLimit < 0 ? 1L << 30 : inflateLimit;
    }

    int ratioLimit() {
        return ratioLimit < 0 ? 200 : ratioLimit;
    }

    int ratioBurst() {
        return ratioBurst < 0 ? 3 : ratioBurst;
    }
}
