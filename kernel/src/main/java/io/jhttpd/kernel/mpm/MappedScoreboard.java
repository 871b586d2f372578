package io.jhttpd.kernel.mpm;

import io.jhttpd.api.spi.Scoreboard;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The scoreboard of a multi-process server: a memory-mapped file the master creates and every
 * child maps, so the master sees each worker's state without asking. Layout (fixed sizes, so no
 * row ever moves):
 *
 * <pre>
 *  header   64 bytes    magic, ServerLimit, ThreadLimit, running generation, restart time
 *  process  40 bytes    per child: pid, generation, quiescing, ready time, (spare), replacement wanted, listening
 *  worker  160 bytes    per child and thread: state, requests, bytes, last used, request line, vhost
 * </pre>
 *
 * A row is written by one process only (a worker row by its worker thread, a process row by the
 * master except the ready time the child sets), so no locks; a reader may see a request line
 * half-replaced, as Apache's mod_status may.
 */
public final class MappedScoreboard extends SlotTable {

    private static final int MAGIC = 0x4A485342; // "JHSB"
    private static final int HEADER = 64;
    private static final int PROCESS = 40;
    private static final int WORKER = 160;
    private static final int REQUEST_BYTES = 64;
    private static final int VHOST_BYTES = 32;
    private static final WorkerState[] STATES = WorkerState.values();

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;

    private MappedScoreboard(Path file, FileChannel channel, MappedByteBuffer map, int serverLimit, int threadLimit) {
        super(serverLimit, threadLimit);
        this.file = file;
        this.channel = channel;
        this.map = map;
    }

    /** The master: creates {@code file} (replacing it) sized for the limits, every slot dead. */
    public static MappedScoreboard create(Path file, int serverLimit, int threadLimit) throws IOException {
        long size = HEADER + (long) serverLimit * PROCESS + (long) serverLimit * threadLimit * WORKER;
        if (size > Integer.MAX_VALUE) {
            throw new IOException("a scoreboard for ServerLimit " + serverLimit + " and ThreadLimit " + threadLimit + " is too large");
        }
        Files.deleteIfExists(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
        m.putInt(4, serverLimit).putInt(8, threadLimit).putLong(16, System.currentTimeMillis());
        m.putInt(0, MAGIC);
        return new MappedScoreboard(file, ch, m, serverLimit, threadLimit);
    }

    /** A child: maps the master's scoreboard. */
    public static MappedScoreboard open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
        if (ch.size() < HEADER || m.getInt(0) != MAGIC) {
            ch.close();
            throw new IOException(file + " is not a jhttpd scoreboard");
        }
        return new MappedScoreboard(file, ch, m, m.getInt(4), m.getInt(8));
    }

    public Path file() {
        return file;
    }

    @Override
    WorkerSlot slotAt(int index) {
        return new Slot(HEADER + serverLimit * PROCESS + index * WORKER);
    }

    private int process(int child) {
        return HEADER + child * PROCESS;
    }

    @Override
    public long pid(int child) {
        return map.getLong(process(child));
    }

    @Override
    public int generation(int child) {
        return map.getInt(process(child) + 8);
    }

    @Override
    public boolean isQuiescing(int child) {
        return map.getInt(process(child) + 12) != 0;
    }

    /** When child {@code child} reported it accepts connections (epoch ms), 0 if not yet. */
    public long readyMillis(int child) {
        return map.getLong(process(child) + 16);
    }

    @Override
    public int runningGeneration() {
        return map.getInt(12);
    }

    @Override
    public long restartTimeMillis() {
        return map.getLong(16);
    }

    /** The master: a new generation starts now. */
    public void newGeneration(int generation) {
        map.putInt(12, generation);
        map.putLong(16, System.currentTimeMillis());
    }

    /** The master: row {@code child} now belongs to a child about to start; its workers show as starting. */
    public void starting(int child, int generation) {
        int p = process(child);
        map.putLong(p, 0).putInt(p + 8, generation).putInt(p + 12, 0).putLong(p + 16, 0).putInt(p + 32, 0).putInt(p + 36, 0);
        for (int t = 0; t < threadLimit; t++) {
            Slot s = (Slot) slot(child, t);
            s.clear();
            s.setState(WorkerState.STARTING);
        }
    }

    /** The master: the child in row {@code child} was started as process {@code pid}. */
    public void started(int child, long pid) {
        map.putLong(process(child), pid);
    }

    /** The child: it accepts connections now. */
    public void ready(int child) {
        map.putLong(process(child) + 16, System.currentTimeMillis());
    }

    /**
     * Runs {@code action} holding the scoreboard's lock, shared by master and children (a lock on
     * the file): decisions that must not race across processes, such as "may this child stop
     * listening" and "may the master retire that one", take it so the port always keeps one.
     */
    public boolean whileLocked(java.util.function.BooleanSupplier action) {
        synchronized (this) {
            try (java.nio.channels.FileLock lock = channel.lock(0, HEADER, false)) {
                return action.getAsBoolean();
            } catch (IOException e) {
                // no lock, no risky decision
                return false;
            }
        }
    }

    /** Records whether the child in row {@code child} has its listening sockets open. */
    public void listening(int child, boolean listening) {
        map.putInt(process(child) + 36, listening ? 1 : 0);
    }

    /** True if a live child other than {@code child} has its listening sockets open and is not leaving. */
    public boolean listeningElsewhere(int child) {
        for (int c = 0; c < serverLimit; c++) {
            if (c != child && pid(c) != 0 && !isQuiescing(c) && map.getInt(process(c) + 36) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The child: it reached {@code MaxConnectionsPerChild} and asks the master to replace it. */
    public void replacementWanted(int child) {
        map.putInt(process(child) + 32, 1);
    }

    /** True if the child in row {@code child} asked to be replaced. */
    public boolean isReplacementWanted(int child) {
        return map.getInt(process(child) + 32) != 0;
    }

    /** The master: the child in row {@code child} was told to finish and exit. */
    public void quiescing(int child) {
        map.putInt(process(child) + 12, 1);
    }

    /** The master: the child in row {@code child} is gone; every worker of it shows dead. */
    public void gone(int child) {
        int p = process(child);
        map.putLong(p, 0).putInt(p + 12, 0).putLong(p + 16, 0).putInt(p + 32, 0).putInt(p + 36, 0);
        for (int t = 0; t < threadLimit; t++) {
            slot(child, t).setState(WorkerState.DEAD);
        }
    }

    /**
     * The part an MPM in child {@code child} writes to: its child 0 is row {@code child}. Threads
     * beyond {@code ThreadLimit} (a graceful restart cannot grow the file) report into slots
     * nobody reads.
     */
    public Scoreboard childView(int child) {
        MappedScoreboard whole = this;
        return new Scoreboard() {
            @Override
            public int serverLimit() {
                return 1;
            }

            @Override
            public int threadLimit() {
                return whole.threadLimit;
            }

            @Override
            public WorkerSlot slot(int c, int thread) {
                if (c != 0) {
                    throw new IndexOutOfBoundsException("a child sees only its own row, not " + c);
                }
                return thread < whole.threadLimit ? whole.slot(child, thread) : new MemoryScoreboard(1, 1).slot(0, 0);
            }
        };
    }

    /** One worker's row at byte {@code at}. */
    private final class Slot implements WorkerSlot {
        private final int at;

        Slot(int at) {
            this.at = at;
        }

        void clear() {
            map.putLong(at + 8, 0).putLong(at + 16, 0).putLong(at + 24, 0).putInt(at + 32, 0).putInt(at + 100, 0);
        }

        @Override
        public WorkerState state() {
            int s = map.getInt(at);
            return s >= 0 && s < STATES.length ? STATES[s] : WorkerState.DEAD;
        }

        @Override
        public void setState(WorkerState state) {
            map.putInt(at, state.ordinal());
        }

        @Override
        public void requestStarted(String requestLine, String vhost) {
            putText(at + 32, REQUEST_BYTES, requestLine);
            putText(at + 100, VHOST_BYTES, vhost == null ? "" : vhost);
            map.putLong(at + 24, System.currentTimeMillis());
        }

        @Override
        public void requestFinished(long bytes) {
            map.putLong(at + 8, map.getLong(at + 8) + 1);
            map.putLong(at + 16, map.getLong(at + 16) + bytes);
            map.putLong(at + 24, System.currentTimeMillis());
        }

        @Override
        public long requests() {
            return map.getLong(at + 8);
        }

        @Override
        public long bytesServed() {
            return map.getLong(at + 16);
        }

        @Override
        public long lastUsedMillis() {
            return map.getLong(at + 24);
        }

        @Override
        public String requestLine() {
            return getText(at + 32, REQUEST_BYTES);
        }

        @Override
        public String vhost() {
            return getText(at + 100, VHOST_BYTES);
        }

        private void putText(int lengthAt, int capacity, String text) {
            byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
            int n = Math.min(b.length, capacity);
            map.put(lengthAt + 4, b, 0, n);
            map.putInt(lengthAt, n);
        }

        private String getText(int lengthAt, int capacity) {
            int n = Math.max(0, Math.min(capacity, map.getInt(lengthAt)));
            byte[] b = new byte[n];
            map.get(lengthAt + 4, b, 0, n);
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }
}
