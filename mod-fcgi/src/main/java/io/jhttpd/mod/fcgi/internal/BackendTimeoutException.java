package io.jhttpd.mod.fcgi.internal;

import java.io.IOException;

/** A connect, read or write on a backend ran past its timeout: the response is a 504. */
final class BackendTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    BackendTimeoutException(String message) {
        super(message);
    }
}
