package io.jhttpd.mod.fcgi.internal;

import java.io.IOException;

/** Every connection or process a backend may have is in use, and none came free in time: 503. */
final class BackendBusyException extends IOException {
    private static final long serialVersionUID = 1L;

    BackendBusyException(String message) {
        super(message);
    }
}
