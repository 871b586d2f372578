package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Request;
import java.io.IOException;

/**
 * One request's output filters, ordered by rank (Apache's filter type number): a filter added
 * later goes after every filter of its own or a lower rank. The last stage is the connection's
 * network writer.
 */
final class OutputChain {

    /** The stage below the last filter. */
    interface Sink {
        void write(Brigade brigade) throws IOException;
    }

    private final Request request;
    private final Sink sink;
    private OutputFilter[] filters = new OutputFilter[6];
    private int[] ranks = new int[6];
    private String[] names = new String[6];
    private boolean[] removed = new boolean[6];
    private Position[] positions = new Position[6];
    private int count;
    private final int rankLimit;

    OutputChain(Request request, Sink sink) {
        this(request, sink, Integer.MAX_VALUE);
    }

    /** A chain that takes only filters ranked below {@code rankLimit} (a sub-request's: no protocol filters). */
    OutputChain(Request request, Sink sink, int rankLimit) {
        this.request = request;
        this.sink = sink;
        this.rankLimit = rankLimit;
    }

    void add(String name, int rank, OutputFilter filter) {
        if (rank >= rankLimit) {
            return;
        }
        if (count == filters.length) {
            int n = count * 2;
            filters = java.util.Arrays.copyOf(filters, n);
            ranks = java.util.Arrays.copyOf(ranks, n);
            names = java.util.Arrays.copyOf(names, n);
            removed = java.util.Arrays.copyOf(removed, n);
            positions = java.util.Arrays.copyOf(positions, n);
        }
        int at = count;
        while (at > 0 && ranks[at - 1] > rank) {
            at--;
        }
        System.arraycopy(filters, at, filters, at + 1, count - at);
        System.arraycopy(ranks, at, ranks, at + 1, count - at);
        System.arraycopy(names, at, names, at + 1, count - at);
        System.arraycopy(removed, at, removed, at + 1, count - at);
        filters[at] = filter;
        ranks[at] = rank;
        names[at] = name;
        removed[at] = false;
        count++;
        // positions are by index, and the insert shifted the indexes after it
        java.util.Arrays.fill(positions, at, count, null);
    }

    /** Removes every filter ranked below {@code rank}: their brigades go straight to the first one left. */
    void removeBelow(int rank) {
        for (int i = 0; i < count; i++) {
            if (ranks[i] < rank) {
                removed[i] = true;
            }
        }
    }

    void pass(Brigade brigade) throws IOException {
        passFrom(0, brigade);
    }

    private void passFrom(int index, Brigade brigade) throws IOException {
        if (brigade.isEmpty()) {
            return;
        }
        int i = index;
        while (i < count && removed[i]) {
            i++;
        }
        if (i == count) {
            sink.write(brigade);
            return;
        }
        Position p = positions[i];
        if (p == null) {
            p = new Position(i);
            positions[i] = p;
        }
        filters[i].filter(brigade, p);
    }

    /** A filter's view of the chain below it. */
    private final class Position implements OutputFilter.Next {
        private final int index;

        Position(int index) {
            this.index = index;
        }

        @Override
        public void pass(Brigade brigade) throws IOException {
            passFrom(index + 1, brigade);
        }

        @Override
        public Request request() {
            return request;
        }

        @Override
        public void removeSelf() {
            removed[index] = true;
        }
    }
}
