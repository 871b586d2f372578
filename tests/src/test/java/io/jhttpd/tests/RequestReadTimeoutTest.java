package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code RequestReadTimeout} as Apache's mod_reqtimeout applies it: a head or body that trickles in
 * is answered 408 once its stage's time is up, whatever {@code Timeout} says; bytes at
 * {@code MinRate} buy time only up to the stage's cap.
 */
@Timeout(30)
class RequestReadTimeoutTest {

    private static final String CONFIG = "Timeout 30\n"
            + "RequestReadTimeout header=1-2,MinRate=500 body=1,MinRate=500\n"
            + "<Location /echo>\n  SetHandler echo\n</Location>\n";

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static String firstLine(Socket s) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = s.getInputStream().read()) >= 0 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString().trim();
    }

    @Test
    void aTricklingHeadIsAnswered408AtTheCap() throws Exception {
        try (TestServer server = TestServer.start(CONFIG); Socket s = connect(server.port)) {
            OutputStream out = s.getOutputStream();
            byte[] head = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    for (byte b : head) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(150);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed on us, as it should
                }
            });
            writer.setDaemon(true);
            writer.start();
            String status = firstLine(s);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("HTTP/1.1 408 Request Timeout", status);
            // 1 s, plus 2 ms per byte received, never past the 2 s cap (with scheduling slack)
            assertTrue(millis >= 900 && millis < 4000, "answered after " + millis + " ms");
            writer.interrupt();
        }
    }

    @Test
    void aStalledBodyIsAnswered408() throws Exception {
        try (TestServer server = TestServer.start(CONFIG); Socket s = connect(server.port)) {
            long start = System.nanoTime();
            // the head is prompt, the body never comes: the body stage (1 s), not Timeout (30 s), ends it
            s.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = firstLine(s);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("HTTP/1.1 408 Request Timeout", status);
            assertTrue(millis >= 900, "answered after " + millis + " ms, before the body stage ran out");
            assertTrue(millis < 5000, "answered after " + millis + " ms, Timeout is 30 s");
        }
    }

    @Test
    void aPromptClientIsNotAffected() throws Exception {
        try (TestServer server = TestServer.start(CONFIG); RawHttp c = new RawHttp(server.port)) {
            server.file("a.txt", "hello");
            for (int i = 0; i < 3; i++) {
                c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertEquals(200, c.read().status);
                Thread.sleep(1200);
            }
        }
    }
}
