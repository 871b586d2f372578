package io.jhttpd.mod.fcgi.internal;

import java.io.IOException;

/** The backend sent bytes that are not FastCGI, or records out of order: the response is a 502. */
final class MalformedRecordException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedRecordException(String message) {
        super(message);
    }
}
