package io.jhttpd.mod.fcgi.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The management exchange that asks a backend its limits: GET_VALUES, answered by GET_VALUES_RESULT. */
final class GetValues {

    private GetValues() {
    }

    /** Sends GET_VALUES for the three standard names on {@code channel} and returns what the backend answers. */
    static Map<String, String> ask(BackendChannel channel) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("FCGI_MAX_CONNS", "");
        names.put("FCGI_MAX_REQS", "");
        names.put("FCGI_MPXS_CONNS", "");
        RecordWriter writer = new RecordWriter(channel.out());
        writer.write(Record.GET_VALUES, 0, NameValuePairs.encode(names));
        writer.flush();
        RecordReader reader = new RecordReader(channel.in());
        for (int i = 0; i < 16; i++) {
            Record r = reader.read();
            if (r == null) {
                break;
            }
            if (r.type() == Record.GET_VALUES_RESULT) {
                return NameValuePairs.decode(r.content());
            }
        }
        throw new MalformedRecordException("no GET_VALUES_RESULT");
    }
}
