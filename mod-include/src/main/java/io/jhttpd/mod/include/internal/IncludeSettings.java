package io.jhttpd.mod.include.internal;

/** mod_include's per-directory settings; {@code null} fields are unset and inherit. */
final class IncludeSettings {

    /** {@code XBitHack}'s values. */
    enum XBitHack { OFF, ON, FULL }

    XBitHack xBitHack;
    String errorMessage;
    String timeFormat;
    String undefinedEcho;
    String startTag;
    String endTag;
    Boolean etag;
    Boolean lastModified;

    static IncludeSettings merge(IncludeSettings base, IncludeSettings add) {
        IncludeSettings m = new IncludeSettings();
        m.xBitHack = add.xBitHack != null ? add.xBitHack : base.xBitHack;
        m.errorMessage = add.errorMessage != null ? add.errorMessage : base.errorMessage;
        m.timeFormat = add.timeFormat != null ? add.timeFormat : base.timeFormat;
        m.undefinedEcho = add.undefinedEcho != null ? add.undefinedEcho : base.undefinedEcho;
        m.startTag = add.startTag != null ? add.startTag : base.startTag;
        m.endTag = add.endTag != null ? add.endTag : base.endTag;
        m.etag = add.etag != null ? add.etag : base.etag;
        m.lastModified = add.lastModified != null ? add.lastModified : base.lastModified;
        return m;
    }

    XBitHack xBitHack() {
        return xBitHack != null ? xBitHack : XBitHack.OFF;
    }

    String errorMessage() {
        return errorMessage != null ? errorMessage : IncludeFilter.DEFAULT_ERROR;
    }

    String timeFormat() {
        return timeFormat != null ? timeFormat : StrfTime.DEFAULT_FORMAT;
    }

    String undefinedEcho() {
        return undefinedEcho != null ? undefinedEcho : IncludeFilter.DEFAULT_UNDEFINED;
    }

    String startTag() {
        return startTag != null ? startTag : "<!--#";
    }

    String endTag() {
        return endTag != null ? endTag : "-->";
    }

    boolean etag() {
        return etag != null && etag;
    }

    boolean lastModified() {
        return lastModified != null && lastModified;
    }
}
