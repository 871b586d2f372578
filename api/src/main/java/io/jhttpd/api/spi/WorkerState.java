package io.jhttpd.api.spi;

/** What a worker slot is doing, with the letter Apache's server-status shows for it. Order matters: idle states come first. */
public enum WorkerState {
    /** {@code .}: no worker. */
    DEAD('.'),
    /** {@code S}: starting. */
    STARTING('S'),
    /** {@code _}: waiting for a connection. */
    READY('_'),
    /** {@code R}: reading a request. */
    BUSY_READ('R'),
    /** {@code W}: writing a response (running the handler). */
    BUSY_WRITE('W'),
    /** {@code K}: waiting for the next request on a kept-alive connection. */
    BUSY_KEEPALIVE('K'),
    /** {@code L}: logging. */
    BUSY_LOG('L'),
    /** {@code D}: looking up a host name. */
    BUSY_DNS('D'),
    /** {@code C}: closing a connection. */
    CLOSING('C'),
    /** {@code G}: finishing up before a graceful stop. */
    GRACEFUL('G'),
    /** {@code I}: idle and being cleaned up. */
    IDLE_KILL('I');

    private final char letter;

    WorkerState(char letter) {
        this.letter = letter;
    }

    /** The server-status letter. */
    public char letter() {
        return letter;
    }
}
