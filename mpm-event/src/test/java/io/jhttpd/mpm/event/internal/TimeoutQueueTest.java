package io.jhttpd.mpm.event.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.junit.jupiter.api.Test;

/** The timeout queue: ordered by deadline, any entry removable, due entries taken in order. */
class TimeoutQueueTest {

    static final class Item extends TimeoutQueue.Entry {
        final int id;

        Item(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "#" + id + "@" + deadline();
        }
    }

    @Test
    void takesDueEntriesInDeadlineOrder() {
        TimeoutQueue<Item> q = new TimeoutQueue<>("t");
        Item a = new Item(1);
        Item b = new Item(2);
        Item c = new Item(3);
        q.add(a, 300);
        q.add(b, 100);
        q.add(c, 200);
        assertEquals(100, q.nextDeadline());
        assertNull(q.pollDue(99));
        assertSame(b, q.pollDue(100));
        assertSame(c, q.pollDue(1000));
        assertSame(a, q.pollDue(1000));
        assertNull(q.pollDue(1000));
        assertEquals(Long.MAX_VALUE, q.nextDeadline());
        assertFalse(a.isQueued());
    }

    @Test
    void removesFromTheMiddle() {
        TimeoutQueue<Item> q = new TimeoutQueue<>("t");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Item it = new Item(i);
            items.add(it);
            q.add(it, (i * 37) % 50);
        }
        assertTrue(q.remove(items.get(10)));
        assertFalse(q.remove(items.get(10)), "removed twice");
        assertEquals(49, q.size());
        long last = Long.MIN_VALUE;
        Item it;
        while ((it = q.poll()) != null) {
            assertTrue(it.deadline() >= last);
            last = it.deadline();
            assertTrue(it.id != 10);
        }
    }

    @Test
    void anEntryWaitsInOneQueueAtATime() {
        TimeoutQueue<Item> q1 = new TimeoutQueue<>("one");
        TimeoutQueue<Item> q2 = new TimeoutQueue<>("two");
        Item a = new Item(1);
        q1.add(a, 5);
        assertThrows(IllegalStateException.class, () -> q2.add(a, 5));
        assertFalse(q2.remove(a));
        assertSame(q1, a.queue());
        assertTrue(q1.remove(a));
        q2.add(a, 5);
        assertSame(q2, a.queue());
    }

    @Test
    void deadlinesCompareAcrossAClockThatWraps() {
        TimeoutQueue<Item> q = new TimeoutQueue<>("t");
        Item late = new Item(1);
        Item early = new Item(2);
        q.add(late, Long.MIN_VALUE + 5);   // after the wrap
        q.add(early, Long.MAX_VALUE - 5);  // before it
        assertSame(early, q.poll());
        assertSame(late, q.poll());
    }

    /** Any sequence of adds, removals and polls keeps the queue's order and membership equal to a plain list's. */
    @Property(tries = 300)
    void behavesLikeASortedList(@ForAll("operations") List<Tuple2<Integer, Integer>> ops) {
        TimeoutQueue<Item> q = new TimeoutQueue<>("t");
        List<Item> model = new ArrayList<>();
        List<Item> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(new Item(i));
        }
        for (Tuple2<Integer, Integer> op : ops) {
            Item it = all.get(op.get2() % all.size());
            switch (op.get1()) {
                case 0:
                    if (!it.isQueued()) {
                        q.add(it, op.get2());
                        model.add(it);
                    }
                    break;
                case 1:
                    assertEquals(model.remove(it), q.remove(it));
                    break;
                default:
                    Item head = q.poll();
                    if (model.isEmpty()) {
                        assertNull(head);
                    } else {
                        long min = model.stream().mapToLong(TimeoutQueue.Entry::deadline).min().getAsLong();
                        assertEquals(min, head.deadline());
                        assertTrue(model.remove(head));
                    }
                    break;
            }
            assertEquals(model.size(), q.size());
            for (Item m : all) {
                assertEquals(model.contains(m), m.isQueued() && m.queue() == q);
            }
        }
        model.sort(Comparator.comparingLong(TimeoutQueue.Entry::deadline));
        for (Item m : model) {
            assertEquals(m.deadline(), q.poll().deadline());
        }
        assertTrue(q.isEmpty());
    }

    @Provide
    Arbitrary<List<Tuple2<Integer, Integer>>> operations() {
        return Arbitraries.integers().between(0, 2).flatMap(kind -> Arbitraries.integers().between(0, 1000).map(v -> Tuple.of(kind, v)))
                .list().ofMaxSize(200);
    }
}
