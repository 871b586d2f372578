package io.jhttpd.mod.fcgi.internal;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Selectors kept for reuse: opening one costs a few system calls and file descriptors, which a
 * new backend connection per request (Apache's default, no reuse) would otherwise pay each time.
 * A selector comes back with no channel registered (their keys cancelled and flushed).
 */
final class SelectorCache {

    private static final int MAX_KEPT = 256;
    private static final ConcurrentLinkedDeque<Selector> KEPT = new ConcurrentLinkedDeque<>();

    private SelectorCache() {
    }

    static Selector take() throws IOException {
        Selector s = KEPT.pollFirst();
        return s != null ? s : Selector.open();
    }

    /** Gives {@code selector} back once its channels are closed or their keys cancelled. */
    static void give(Selector selector) {
        try {
            selector.selectNow(); // deregisters the cancelled keys
            if (selector.keys().isEmpty() && KEPT.size() < MAX_KEPT) {
                KEPT.addFirst(selector);
                return;
            }
        } catch (IOException e) {
            // a broken selector is closed below
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
