package io.jhttpd.tests;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FastCGI application written for tests on raw sockets: it reads each request's records
 * (BEGIN_REQUEST, PARAMS, STDIN) and lets the test answer with whatever bytes it wants, well-formed
 * or not. Counts connections, and serves several requests on one connection when asked to keep it.
 */
final class FakeFcgiBackend implements AutoCloseable {

    /** One request as the backend received it. */
    record Received(int requestId, boolean keepConnection, Map<String, String> params, byte[] stdin) {
    }

    /** What the test answers a request with. */
    @FunctionalInterface
    interface Responder {
        void respond(Received request, OutputStream out) throws IOException;
    }

    private final ServerSocket listener;
    private final Responder responder;
    private final AtomicInteger connections = new AtomicInteger();
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeFcgiBackend(Responder responder) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.responder = responder;
        this.acceptor = new Thread(this::acceptLoop, "fake-fcgi");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "fake-fcgi-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                Received r = readRequest(in);
                if (r == null) {
                    return;
                }
                received.add(r);
                responder.respond(r, out);
                out.flush();
                if (!r.keepConnection()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the test's responder may close or break the connection on purpose
        }
    }

    private static Received readRequest(DataInputStream in) throws IOException {
        int requestId = -1;
        boolean keep = false;
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        while (true) {
            int version;
            try {
                version = in.readUnsignedByte();
            } catch (EOFException e) {
                return null;
            }
            if (version != 1) {
                throw new IOException("bad version " + version);
            }
            int type = in.readUnsignedByte();
            int id = in.readUnsignedShort();
            int length = in.readUnsignedShort();
            int padding = in.readUnsignedByte();
            in.readUnsignedByte();
            byte[] content = new byte[length];
            in.readFully(content);
            in.readFully(new byte[padding]);
            switch (type) {
                case 1:
                    requestId = id;
                    keep = (content[2] & 1) != 0;
                    break;
                case 4:
                    params.write(content);
                    break;
                case 5:
                    if (length == 0) {
                        return new Received(requestId, keep, decode(params.toByteArray()), stdin.toByteArray());
                    }
                    stdin.write(content);
                    break;
                default:
                    break;
            }
        }
    }

    private static Map<String, String> decode(byte[] b) {
        Map<String, String> m = new LinkedHashMap<>();
        int[] pos = {0};
        while (pos[0] < b.length) {
            int n = length(b, pos);
            int v = length(b, pos);
            m.put(new String(b, pos[0], n, StandardCharsets.ISO_8859_1), new String(b, pos[0] + n, v, StandardCharsets.ISO_8859_1));
            pos[0] += n + v;
        }
        return m;
    }

    private static int length(byte[] b, int[] pos) {
        int first = b[pos[0]] & 0xFF;
        if (first < 128) {
            pos[0]++;
            return first;
        }
        int n = ((first & 0x7F) << 24) | ((b[pos[0] + 1] & 0xFF) << 16) | ((b[pos[0] + 2] & 0xFF) << 8) | (b[pos[0] + 3] & 0xFF);
        pos[0] += 4;
        return n;
    }

    /** Writes one record with {@code padding} bytes of padding. */
    static void record(OutputStream out, int type, int requestId, byte[] content, int padding) throws IOException {
        out.write(new byte[] {1, (byte) type, (byte) (requestId >> 8), (byte) requestId,
            (byte) (content.length >> 8), (byte) content.length, (byte) padding, 0});
        out.write(content);
        out.write(new byte[padding]);
    }

    static void stdout(OutputStream out, int requestId, String text) throws IOException {
        record(out, 6, requestId, text.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    /** The empty STDOUT and an END_REQUEST with REQUEST_COMPLETE. */
    static void end(OutputStream out, int requestId) throws IOException {
        record(out, 6, requestId, new byte[0], 0);
        record(out, 3, requestId, new byte[] {0, 0, 0, 0, 0, 0, 0, 0}, 0);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
