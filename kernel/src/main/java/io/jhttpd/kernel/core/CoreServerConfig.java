package io.jhttpd.kernel.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The core's per-server settings. Fields left {@code null} (or -1) were not set here and are
 * inherited from the main server when a virtual host is merged.
 */
public final class CoreServerConfig {
    String serverName;
    Integer serverNamePort;
    String serverScheme;
    List<String> serverAliases = new ArrayList<>();
    String serverAdmin;
    Path documentRoot;
    long timeoutMillis = -1;
    Boolean keepAlive;
    long keepAliveTimeoutMillis = -1;
    int maxKeepAliveRequests = -1;
    int limitRequestLine = -1;
    int limitRequestFieldSize = -1;
    int limitRequestFields = -1;
    Boolean traceEnable;
    String allowEncodedSlashes;
    Boolean mergeSlashes;
    ReadTimeouts readTimeouts;
    String accessFileName;

    static CoreServerConfig merge(CoreServerConfig base, CoreServerConfig add) {
        CoreServerConfig m = new CoreServerConfig();
        m.serverName = add.serverName != null ? add.serverName : base.serverName;
        m.serverNamePort = add.serverName != null ? add.serverNamePort : base.serverNamePort;
        m.serverScheme = add.serverName != null ? add.serverScheme : base.serverScheme;
        m.serverAliases = add.serverAliases;
        m.serverAdmin = add.serverAdmin != null ? add.serverAdmin : base.serverAdmin;
        m.documentRoot = add.documentRoot != null ? add.documentRoot : base.documentRoot;
        m.timeoutMillis = add.timeoutMillis >= 0 ? add.timeoutMillis : base.timeoutMillis;
        m.keepAlive = add.keepAlive != null ? add.keepAlive : base.keepAlive;
        m.keepAliveTimeoutMillis = add.keepAliveTimeoutMillis >= 0 ? add.keepAliveTimeoutMillis : base.keepAliveTimeoutMillis;
        m.maxKeepAliveRequests = add.maxKeepAliveRequests >= 0 ? add.maxKeepAliveRequests : base.maxKeepAliveRequests;
        m.limitRequestLine = add.limitRequestLine >= 0 ? add.limitRequestLine : base.limitRequestLine;
        m.limitRequestFieldSize = add.limitRequestFieldSize >= 0 ? add.limitRequestFieldSize : base.limitRequestFieldSize;
        m.limitRequestFields = add.limitRequestFields >= 0 ? add.limitRequestFields : base.limitRequestFields;
        m.traceEnable = add.traceEnable != null ? add.traceEnable : base.traceEnable;
        m.allowEncodedSlashes = add.allowEncodedSlashes != null ? add.allowEncodedSlashes : base.allowEncodedSlashes;
        m.mergeSlashes = add.mergeSlashes != null ? add.mergeSlashes : base.mergeSlashes;
        m.readTimeouts = add.readTimeouts != null ? add.readTimeouts : base.readTimeouts;
        m.accessFileName = add.accessFileName != null ? add.accessFileName : base.accessFileName;
        return m;
    }

    /** {@code AccessFileName}: the per-directory configuration file's name, {@code .htaccess} by default. */
    public String accessFileName() {
        return accessFileName != null ? accessFileName : ".htaccess";
    }

    public long timeoutMillis() {
        return timeoutMillis >= 0 ? timeoutMillis : 60_000;
    }

    public boolean keepAlive() {
        return keepAlive == null || keepAlive;
    }

    public long keepAliveTimeoutMillis() {
        return keepAliveTimeoutMillis >= 0 ? keepAliveTimeoutMillis : 5_000;
    }

    public int maxKeepAliveRequests() {
        return maxKeepAliveRequests >= 0 ? maxKeepAliveRequests : 100;
    }

    public int limitRequestLine() {
        return limitRequestLine >= 0 ? limitRequestLine : 8190;
    }

    public int limitRequestFieldSize() {
        return limitRequestFieldSize >= 0 ? limitRequestFieldSize : 8190;
    }

    public int limitRequestFields() {
        return limitRequestFields >= 0 ? limitRequestFields : 100;
    }

    public boolean traceEnable() {
        return traceEnable == null || traceEnable;
    }

    /** {@code off}, {@code on} or {@code nodecode}. */
    public String allowEncodedSlashes() {
        return allowEncodedSlashes != null ? allowEncodedSlashes : "off";
    }

    /** {@code RequestReadTimeout}, Apache's defaults unless set. */
    public ReadTimeouts readTimeouts() {
        return readTimeouts != null ? readTimeouts : ReadTimeouts.APACHE_DEFAULTS;
    }

    public boolean mergeSlashes() {
        return mergeSlashes == null || mergeSlashes;
    }
}
