package io.jhttpd.api;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * An ordered run of {@link Bucket buckets}: what one filter passes to the next, as Apache's bucket
 * brigade. A filter usually keeps one brigade per request and reuses it; the receiver of a brigade
 * takes the buckets out of it (passing a brigade hands over its buckets, the brigade object itself
 * may be reused by the caller once the call returns).
 */
public final class Brigade implements Iterable<Bucket> {

    private final ArrayDeque<Bucket> buckets = new ArrayDeque<>(8);

    /** An empty brigade. */
    public Brigade() {
    }

    /** A brigade holding {@code buckets} in order. */
    public static Brigade of(Bucket... buckets) {
        Brigade b = new Brigade();
        for (Bucket bucket : buckets) {
            b.add(bucket);
        }
        return b;
    }

    /** Appends a bucket. */
    public Brigade add(Bucket bucket) {
        buckets.addLast(java.util.Objects.requireNonNull(bucket));
        return this;
    }

    /** Inserts a bucket at the front. */
    public Brigade addFirst(Bucket bucket) {
        buckets.addFirst(java.util.Objects.requireNonNull(bucket));
        return this;
    }

    /** Removes and returns the first bucket, or {@code null} if empty. */
    public Bucket poll() {
        return buckets.pollFirst();
    }

    /** The first bucket without removing it, or {@code null} if empty. */
    public Bucket peek() {
        return buckets.peekFirst();
    }

    /** The last bucket without removing it, or {@code null} if empty. */
    public Bucket peekLast() {
        return buckets.peekLast();
    }

    /** True if no bucket is present. */
    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** Number of buckets. */
    public int size() {
        return buckets.size();
    }

    /** Removes every bucket. */
    public void clear() {
        buckets.clear();
    }

    /** Moves every bucket of this brigade to the end of {@code target}, leaving this one empty. */
    public void moveTo(Brigade target) {
        Bucket b;
        while ((b = buckets.pollFirst()) != null) {
            target.buckets.addLast(b);
        }
    }

    /** True if an end-of-stream bucket is present. */
    public boolean hasEndOfStream() {
        for (Bucket b : buckets) {
            if (b instanceof Bucket.EndOfStream) {
                return true;
            }
        }
        return false;
    }

    /** Total body bytes of all buckets. */
    public long length() {
        long n = 0;
        for (Bucket b : buckets) {
            n += b.length();
        }
        return n;
    }

    @Override
    public Iterator<Bucket> iterator() {
        return buckets.iterator();
    }

    @Override
    public String toString() {
        return "Brigade" + buckets;
    }
}
