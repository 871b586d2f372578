package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.ConfigKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * mod_fcgid's per-server process-management settings, with its defaults. Unset fields (null)
 * inherit from the main server.
 */
final class FcgidSettings {

    static final ConfigKey<FcgidSettings> KEY = ConfigKey.perServer("fcgid", FcgidSettings::new, FcgidSettings::merge);

    Integer maxProcesses;
    Integer maxProcessesPerClass;
    Integer minProcessesPerClass;
    Long idleTimeoutMillis;
    Long processLifeTimeMillis;
    Integer maxRequestsPerProcess;
    Long connectTimeoutMillis;
    Long ioTimeoutMillis;
    Integer spawnScoreUpLimit;
    Path ipcDir;
    final Map<String, String> initialEnv = new LinkedHashMap<>();

    int maxProcesses() {
        return maxProcesses != null ? maxProcesses : 1000;
    }

    int maxProcessesPerClass() {
        return maxProcessesPerClass != null ? maxProcessesPerClass : 100;
    }

    int minProcessesPerClass() {
        return minProcessesPerClass != null ? minProcessesPerClass : 3;
    }

    long idleTimeoutMillis() {
        return idleTimeoutMillis != null ? idleTimeoutMillis : 300_000;
    }

    long processLifeTimeMillis() {
        return processLifeTimeMillis != null ? processLifeTimeMillis : 3_600_000;
    }

    int maxRequestsPerProcess() {
        return maxRequestsPerProcess != null ? maxRequestsPerProcess : 0;
    }

    long connectTimeoutMillis() {
        return connectTimeoutMillis != null ? connectTimeoutMillis : 3_000;
    }

    long ioTimeoutMillis() {
        return ioTimeoutMillis != null ? ioTimeoutMillis : 40_000;
    }

    int spawnScoreUpLimit() {
        return spawnScoreUpLimit != null ? spawnScoreUpLimit : 10;
    }

    private static FcgidSettings merge(FcgidSettings base, FcgidSettings add) {
        FcgidSettings m = new FcgidSettings();
        m.maxProcesses = add.maxProcesses != null ? add.maxProcesses : base.maxProcesses;
        m.maxProcessesPerClass = add.maxProcessesPerClass != null ? add.maxProcessesPerClass : base.maxProcessesPerClass;
        m.minProcessesPerClass = add.minProcessesPerClass != null ? add.minProcessesPerClass : base.minProcessesPerClass;
        m.idleTimeoutMillis = add.idleTimeoutMillis != null ? add.idleTimeoutMillis : base.idleTimeoutMillis;
        m.processLifeTimeMillis = add.processLifeTimeMillis != null ? add.processLifeTimeMillis : base.processLifeTimeMillis;
        m.maxRequestsPerProcess = add.maxRequestsPerProcess != null ? add.maxRequestsPerProcess : base.maxRequestsPerProcess;
        m.connectTimeoutMillis = add.connectTimeoutMillis != null ? add.connectTimeoutMillis : base.connectTimeoutMillis;
        m.ioTimeoutMillis = add.ioTimeoutMillis != null ? add.ioTimeoutMillis : base.ioTimeoutMillis;
        m.spawnScoreUpLimit = add.spawnScoreUpLimit != null ? add.spawnScoreUpLimit : base.spawnScoreUpLimit;
        m.ipcDir = add.ipcDir != null ? add.ipcDir : base.ipcDir;
        m.initialEnv.putAll(base.initialEnv);
        m.initialEnv.putAll(add.initialEnv);
        return m;
    }
}
