package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.InputFilter;
import io.jhttpd.api.ReadMode;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One request's input filters above the body reader, highest rank (closest to the network) last. */
final class InputChain {

    private final Request request;
    private final BodyReader body;
    private final List<InputFilter> filters = new ArrayList<>(2);
    private final List<Integer> ranks = new ArrayList<>(2);

    InputChain(Request request, BodyReader body) {
        this.request = request;
        this.body = body;
    }

    void add(int rank, InputFilter f) {
        int at = filters.size();
        while (at > 0 && ranks.get(at - 1) > rank) {
            at--;
        }
        filters.add(at, f);
        ranks.add(at, rank);
    }

    void read(Brigade into, long maxBytes) throws IOException {
        readFrom(0, into, ReadMode.BYTES, maxBytes);
    }

    private void readFrom(int index, Brigade into, ReadMode mode, long maxBytes) throws IOException {
        if (index == filters.size()) {
            if (body == null) {
                into.add(io.jhttpd.api.Bucket.EOS);
            } else {
                body.read(into, maxBytes);
            }
            return;
        }
        filters.get(index).read(into, mode, maxBytes, new InputFilter.Upstream() {
            @Override
            public void read(Brigade b, ReadMode m, long max) throws IOException {
                readFrom(index + 1, b, m, max);
            }

            @Override
            public Request request() {
                return request;
            }
        });
    }
}
