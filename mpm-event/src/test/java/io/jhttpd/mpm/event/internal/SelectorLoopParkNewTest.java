package io.jhttpd.mpm.event.internal;

/** {@link SelectorLoopTest} with new connections waiting in the selector for their first bytes. */
class SelectorLoopParkNewTest extends SelectorLoopTest {

    @Override
    boolean dispatchNew() {
        return false;
    }
}
