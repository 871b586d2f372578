package io.jhttpd.mod.fcgi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Apache's URL forms, worker parameters, ProxyPassMatch substitution and ProxyFCGISetEnvIf rules. */
class ConfigFormsTest {

    @Test
    void tcpAndUnixBackendUrls() throws ConfigException {
        BackendAddress tcp = BackendAddress.parse("fcgi://127.0.0.1:9000/srv/app/index.php");
        assertEquals("fcgi://127.0.0.1:9000", tcp.key());
        assertEquals(9000, ((InetSocketAddress) tcp.socket()).getPort());
        assertEquals("proxy:fcgi://127.0.0.1:9000", tcp.prefix());
        assertEquals("/srv/app/index.php", tcp.path());
        BackendAddress unix = BackendAddress.parse("unix:/run/php/fpm.sock|fcgi://localhost/srv/");
        assertEquals("unix:/run/php/fpm.sock", unix.key());
        assertEquals(UnixDomainSocketAddress.of("/run/php/fpm.sock"), unix.socket());
        assertEquals("/srv/", unix.path());
        assertEquals("fcgi://localhost:8000", BackendAddress.parse("FCGI://LocalHost").key());
        assertThrows(ConfigException.class, () -> BackendAddress.parse("http://127.0.0.1/"));
        assertThrows(ConfigException.class, () -> BackendAddress.parse("unix:/run/php.sock"));
        assertThrows(ConfigException.class, () -> BackendAddress.parse("fcgi://127.0.0.1:0/"));
    }

    @Test
    void workerParameters() throws ConfigException {
        WorkerParams p = WorkerParams.DEFAULTS.with("enablereuse=on").with("max=10").with("timeout=5").with("connectiontimeout=250ms");
        assertEquals(new WorkerParams(true, 10, 250, 5000), p);
        assertFalse(p.with("disablereuse=on").reuse());
        assertEquals(p, p.with("retry=0"));
        assertThrows(ConfigException.class, () -> p.with("enablereuse=maybe"));
        assertThrows(ConfigException.class, () -> p.with("bogus=1"));
        assertThrows(ConfigException.class, () -> p.with("max=-1"));
    }

    @Test
    void proxyPassMatchSubstitutesGroups() {
        ProxyRoute route = new ProxyRoute(Pattern.compile("^/(.*\\.php(/.*)?)$"), "fcgi://127.0.0.1:9000/srv/app/$1");
        assertEquals("fcgi://127.0.0.1:9000/srv/app/index.php/extra", route.target("/index.php/extra"));
        assertNull(route.target("/style.css"));
    }

    @Test
    void setEnvIfRules() throws ConfigException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH_TRANSLATED", "proxy:fcgi://localhost/srv/x.php");
        env.put("HTTP_PROXY", "evil");
        SetEnvRule.parse("reqenv('PATH_TRANSLATED') =~ m|^proxy:fcgi://localhost(/.*)$|", "PATH_TRANSLATED", "$1").apply(env);
        SetEnvRule.parse("true", "!HTTP_PROXY", null).apply(env);
        SetEnvRule.parse("%{PATH_TRANSLATED} == '/srv/x.php'", "MATCHED", "yes %{PATH_TRANSLATED}").apply(env);
        SetEnvRule.parse("-z %{NOT_THERE}", "EMPTY", "1").apply(env);
        SetEnvRule.parse("false", "NEVER", "1").apply(env);
        assertEquals("/srv/x.php", env.get("PATH_TRANSLATED"));
        assertFalse(env.containsKey("HTTP_PROXY"));
        assertEquals("yes /srv/x.php", env.get("MATCHED"));
        assertEquals("1", env.get("EMPTY"));
        assertFalse(env.containsKey("NEVER"));
        ConfigException e = assertThrows(ConfigException.class, () -> SetEnvRule.parse("%{A} <=> 1", "X", "y"));
        assertTrue(e.getMessage().contains("cannot parse condition"), e.getMessage());
    }
}
