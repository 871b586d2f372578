package com.example.hello.internal;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.OutputFilter;
import java.io.IOException;
import java.util.Iterator;

/**
 * Appends a footer line to a text response, in front of its end-of-stream bucket. Everything else
 * passes through untouched and unbuffered: file regions stay file regions (zero-copy), a flush
 * still flushes. A response that is not text, or has no body, loses the filter at its first brigade.
 */
final class FooterFilter implements OutputFilter {

    private final String footer;
    private boolean checked;

    FooterFilter(String footer) {
        this.footer = footer;
    }

    @Override
    public void filter(Brigade brigade, Next next) throws IOException {
        if (!checked) {
            checked = true;
            String type = next.request().contentType();
            int status = next.request().status();
            if (type == null || !type.startsWith("text/") || status == 204 || status == 304) {
                next.removeSelf();
                next.pass(brigade);
                return;
            }
            // the body grows: a length set by the producer no longer holds (the kernel works it out again)
            next.request().headersOut().remove("Content-Length");
        }
        if (brigade.hasEndOfStream()) {
            Brigade out = new Brigade();
            for (Iterator<Bucket> it = brigade.iterator(); it.hasNext(); ) {
                Bucket b = it.next();
                if (b instanceof Bucket.EndOfStream) {
                    out.add(Bucket.data(footer + "\n"));
                }
                out.add(b);
            }
            brigade.clear();
            next.pass(out);
            return;
        }
        next.pass(brigade);
    }
}
