package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mod_dir's {@code FallbackResource}: a URL with nothing on disk goes to the front controller,
 * which sees the client's URL in {@code REQUEST_URI} and the query; existing files are served as
 * they are; {@code FallbackResource disabled} in a section turns it off; a fallback that does not
 * exist answers 404. One table, asserted against jhttpd, and against Apache httpd (mod_dir,
 * mod_cgi) with the same lines where it is installed.
 */
class FallbackResourceTest {

    private static Path root;
    private static String section;
    private static TestServer jhttpd;

    private static final String[][] CASES = {
        {"/blog/2024/hello?page=2", "200 REQUEST_URI=/blog/2024/hello?page=2 SCRIPT_NAME=/app/front.cgi QUERY_STRING=page=2"},
        {"/shop/item", "200 REQUEST_URI=/shop/item SCRIPT_NAME=/app/front.cgi QUERY_STRING="},
        {"/real.txt", "200 real"},
        {"/quiet/anything", "404"},
        {"/broken/anything", "404"},
    };

    @BeforeAll
    static void start() throws Exception {
        root = TestServer.readableTempRoot("jhttpd-fallback");
        Path htdocs = root.resolve("htdocs");
        TestServer.writeReadable(root, htdocs.resolve("real.txt"), "real\n", "rw-r--r--");
        TestServer.writeReadable(root, htdocs.resolve("quiet/x.txt"), "x\n", "rw-r--r--");
        TestServer.writeReadable(root, htdocs.resolve("broken/x.txt"), "x\n", "rw-r--r--");
        TestServer.writeReadable(root, htdocs.resolve("app/front.cgi"), "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\n"
                + "echo \"REQUEST_URI=$REQUEST_URI SCRIPT_NAME=$SCRIPT_NAME QUERY_STRING=$QUERY_STRING\"\n", "rwxr-xr-x");
        section = String.join("\n",
                "<Directory \"" + htdocs + "\">",
                "  Require all granted",
                "  FallbackResource /app/front.cgi",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("app") + "\">",
                "  Options +ExecCGI",
                "  AddHandler cgi-script .cgi",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("quiet") + "\">",
                "  FallbackResource disabled",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("broken") + "\">",
                "  FallbackResource /app/missing.cgi",
                "</Directory>");
        jhttpd = TestServer.start(root, section);
    }

    @AfterAll
    static void stop() throws IOException {
        if (jhttpd != null) {
            jhttpd.close();
        }
    }

    @Test
    void jhttpdSendsWhatIsNotThereToTheFrontController() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String[] c : CASES) {
            expected.add(c[0] + " " + c[1]);
        }
        assertEquals(expected, answers(jhttpd.port));
    }

    @Test
    void apacheAgrees() throws Exception {
        ApacheProcess.assertSameAnswers(root, new String[] {"mpm_prefork", "authz_core", "mime", "dir", "cgi"},
                section, FallbackResourceTest::answers, jhttpd.port);
    }

    private static List<String> answers(int port) throws IOException {
        List<String> out = new ArrayList<>();
        for (String[] c : CASES) {
            RawHttp.Response r = TestServer.request(port, "GET", c[0]);
            out.add(c[0] + " " + r.status + (r.status == 200 ? " " + r.bodyText().strip() : ""));
        }
        return out;
    }
}
