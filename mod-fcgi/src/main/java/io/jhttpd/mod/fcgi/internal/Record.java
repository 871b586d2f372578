package io.jhttpd.mod.fcgi.internal;

import java.util.Arrays;

/**
 * One FastCGI record without its padding: type, request id and content (at most 65535 bytes).
 * The type numbers and the fixed bodies of BEGIN_REQUEST and END_REQUEST are the spec's.
 */
record Record(int type, int requestId, byte[] content) {

    static final int VERSION = 1;
    static final int HEADER_LENGTH = 8;
    static final int MAX_CONTENT = 0xFFFF;

    static final int BEGIN_REQUEST = 1;
    static final int ABORT_REQUEST = 2;
    static final int END_REQUEST = 3;
    static final int PARAMS = 4;
    static final int STDIN = 5;
    static final int STDOUT = 6;
    static final int STDERR = 7;
    static final int DATA = 8;
    static final int GET_VALUES = 9;
    static final int GET_VALUES_RESULT = 10;
    static final int UNKNOWN_TYPE = 11;

    static final int ROLE_RESPONDER = 1;
    static final int FLAG_KEEP_CONN = 1;

    static final int REQUEST_COMPLETE = 0;
    static final int CANT_MPX_CONN = 1;
    static final int OVERLOADED = 2;
    static final int UNKNOWN_ROLE = 3;

    Record {
        if (content.length > MAX_CONTENT) {
            throw new IllegalArgumentException("record content over 65535 bytes: " + content.length);
        }
    }

    /** A BEGIN_REQUEST body: role, flags, five reserved bytes. */
    static byte[] beginRequestBody(int role, boolean keepConnection) {
        return new byte[] {(byte) (role >> 8), (byte) role, (byte) (keepConnection ? FLAG_KEEP_CONN : 0), 0, 0, 0, 0, 0};
    }

    /** An END_REQUEST body: application status (4 bytes), protocol status, three reserved bytes. */
    static byte[] endRequestBody(int appStatus, int protocolStatus) {
        return new byte[] {(byte) (appStatus >> 24), (byte) (appStatus >> 16), (byte) (appStatus >> 8), (byte) appStatus,
            (byte) protocolStatus, 0, 0, 0};
    }

    /** The application status of an END_REQUEST record. */
    int appStatus() {
        return ((content[0] & 0xFF) << 24) | ((content[1] & 0xFF) << 16) | ((content[2] & 0xFF) << 8) | (content[3] & 0xFF);
    }

    /** The protocol status of an END_REQUEST record. */
    int protocolStatus() {
        return content[4] & 0xFF;
    }

    /** The spec's name of a record type, for messages. */
    static String typeName(int type) {
        switch (type) {
            case BEGIN_REQUEST: return "BEGIN_REQUEST";
            case ABORT_REQUEST: return "ABORT_REQUEST";
            case END_REQUEST: return "END_REQUEST";
            case PARAMS: return "PARAMS";
            case STDIN: return "STDIN";
            case STDOUT: return "STDOUT";
            case STDERR: return "STDERR";
            case DATA: return "DATA";
            case GET_VALUES: return "GET_VALUES";
            case GET_VALUES_RESULT: return "GET_VALUES_RESULT";
            case UNKNOWN_TYPE: return "UNKNOWN_TYPE";
            default: return "type " + type;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && r.type == type && r.requestId == requestId && Arrays.equals(r.content, content);
    }

    @Override
    public int hashCode() {
        return (type * 31 + requestId) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return typeName(type) + "[id " + requestId + ", " + content.length + " bytes]";
    }
}
