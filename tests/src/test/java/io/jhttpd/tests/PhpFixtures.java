package io.jhttpd.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** PHP scripts the FastCGI tests run under php-fpm and php-cgi, and the parsing of what they print. */
final class PhpFixtures {

    private PhpFixtures() {
    }

    /** Writes the scripts into {@code dir}. */
    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        put(dir, "info.php", "<?php\n"
                + "header('Content-Type: text/plain');\n"
                + "$in = file_get_contents('php://input');\n"
                + "foreach (['SCRIPT_NAME','PATH_INFO','SCRIPT_FILENAME','REQUEST_URI','QUERY_STRING','REQUEST_METHOD',"
                + "'HTTP_X_TEST','CONTENT_LENGTH','CONTENT_TYPE','SERVER_PORT','REMOTE_ADDR','PHP_SELF','GATEWAY_INTERFACE',"
                + "'HTTP_PROXY','DOCUMENT_ROOT'] as $k) {\n"
                + "  echo $k, '=', $_SERVER[$k] ?? '(unset)', \"\\n\";\n"
                + "}\n"
                + "foreach ($_GET as $k => $v) echo 'get.', $k, '=', $v, \"\\n\";\n"
                + "foreach ($_POST as $k => $v) echo 'post.', $k, '=', $v, \"\\n\";\n"
                + "foreach ($_FILES as $k => $f) echo 'file.', $k, '=', $f['size'], ' ', md5_file($f['tmp_name']), \"\\n\";\n"
                + "echo 'input.length=', strlen($in), \"\\n\";\n"
                + "echo 'input.md5=', md5($in), \"\\n\";\n"
                + "echo 'pid=', getmypid(), \"\\n\";\n");
        put(dir, "headers.php", "<?php\n"
                + "http_response_code(201);\n"
                + "header('X-From-Php: yes');\n"
                + "setcookie('a', '1');\n"
                + "setcookie('b', '2');\n"
                + "echo 'created';\n");
        put(dir, "big.php", "<?php\n"
                + "header('Content-Type: application/octet-stream');\n"
                + "$block = str_repeat('0123456789abcdef', 4096);\n"
                + "for ($i = 0; $i < 64; $i++) { echo $block; }\n");
        put(dir, "fatal.php", "<?php\nthis_function_does_not_exist();\n");
        put(dir, "sleep.php", "<?php\nfile_put_contents($_GET['pidfile'], getmypid());\nsleep(20);\necho 'woke';\n");
        put(dir, "local-redirect.php", "<?php\nheader('Location: /target.txt');\n");
        put(dir, "remote-redirect.php", "<?php\nheader('Location: http://example.com/elsewhere');\necho 'dropped';\n");
        put(dir, "stderr.php", "<?php\nerror_log('note from php');\necho 'logged';\n");
        put(dir, "target.txt", "redirect target\n");
    }

    private static void put(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /**
     * Waits (up to 10 s) for sleep.php to write its process id to {@code pidFile}, kills that
     * process with SIGKILL — the backend dying in the middle of a request — and returns its id.
     */
    static long killSleeper(Path pidFile) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        return pid;
    }

    /** The {@code key=value} lines info.php prints. */
    static Map<String, String> lines(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }
}
