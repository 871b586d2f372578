package io.jhttpd.mpm.event.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Apache's admission arithmetic: connections − lingering &lt; ThreadsPerChild + idle × AsyncRequestWorkerFactor. */
class AdmissionTest {

    @Test
    void apacheDefaultsHoldThreeTimesThreadsPerChild() {
        Admission a = new Admission(25, 2);
        assertTrue(a.allows(74, 0, 25, false));
        assertFalse(a.allows(75, 0, 25, false));
        assertEquals(75, a.ceiling());
    }

    @Test
    void noIdleWorkerMeansNoAccept() {
        Admission a = new Admission(25, 2);
        assertFalse(a.allows(0, 0, 0, false));
        assertFalse(a.allows(3, 0, 0, false));
    }

    @Test
    void lingeringConnectionsDoNotCount() {
        Admission a = new Admission(4, 1);
        assertFalse(a.allows(8, 0, 4, false));
        assertTrue(a.allows(8, 1, 4, false));
        assertTrue(a.allows(8, 8, 1, false));
        assertTrue(a.allows(3, 9, 1, false), "more lingering than counted (a race) still admits");
    }

    @Test
    void fewerIdleWorkersAdmitFewer() {
        Admission a = new Admission(10, 2);
        assertTrue(a.allows(29, 0, 10, false));
        assertFalse(a.allows(29, 0, 9, false));
        assertTrue(a.allows(27, 0, 9, false));
        assertFalse(a.allows(12, 0, 1, false));
    }

    @Test
    void fractionalFactor() {
        Admission a = new Admission(8, 0.5);
        assertTrue(a.allows(11, 0, 8, false));
        assertFalse(a.allows(12, 0, 8, false));
        assertEquals(12, a.ceiling());
    }

    @Test
    void disabledListenersCountOneIdleWorkerFewer() {
        // Apache's hysteresis: once accepting is off, it comes back on one idle worker later
        Admission a = new Admission(10, 2);
        assertTrue(a.allows(29, 0, 10, false));
        assertFalse(a.allows(29, 0, 10, true));
        assertTrue(a.allows(27, 0, 10, true));
    }

    @Test
    void theHysteresisNeverCountsFewerThanOneIdleWorker() {
        Admission a = new Admission(1, 2);
        assertTrue(a.allows(2, 0, 1, true), "one thread: accepting must come back with connections still open");
        assertFalse(a.allows(3, 0, 1, true));
    }
}
