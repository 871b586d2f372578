package io.jhttpd.mod.fcgi.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FastCGI name-value pairs (PARAMS, GET_VALUES): each length in one byte below 128, else in four
 * bytes big-endian with the top bit set, then the name's and the value's bytes. Names and values
 * are ISO-8859-1 here, so any byte survives the round trip as one char.
 */
final class NameValuePairs {

    private NameValuePairs() {
    }

    /** The pairs of {@code pairs}, encoded, in iteration order. */
    static byte[] encode(Map<String, String> pairs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            writePair(out, e.getKey(), e.getValue());
        }
        return out.toByteArray();
    }

    /**
     * The pairs of {@code pairs} encoded in record-sized pieces of at most 65535 bytes, no pair
     * split between two pieces unless it alone is longer: php's FastCGI code parses each PARAMS
     * record by itself (Apache's mod_proxy_fcgi packs them the same way).
     */
    static List<byte[]> encodeInRecords(Map<String, String> pairs) {
        List<byte[]> records = new ArrayList<>();
        ByteArrayOutputStream record = new ByteArrayOutputStream(4096);
        ByteArrayOutputStream pair = new ByteArrayOutputStream(256);
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            pair.reset();
            writePair(pair, e.getKey(), e.getValue());
            if (record.size() > 0 && record.size() + pair.size() > Record.MAX_CONTENT) {
                records.add(record.toByteArray());
                record.reset();
            }
            byte[] bytes = pair.toByteArray();
            int off = 0;
            while (bytes.length - off > Record.MAX_CONTENT - record.size()) {
                int n = Record.MAX_CONTENT - record.size();
                record.write(bytes, off, n);
                off += n;
                records.add(record.toByteArray());
                record.reset();
            }
            record.write(bytes, off, bytes.length - off);
        }
        if (record.size() > 0) {
            records.add(record.toByteArray());
        }
        return records;
    }

    private static void writePair(ByteArrayOutputStream out, String key, String val) {
        byte[] name = key.getBytes(StandardCharsets.ISO_8859_1);
        byte[] value = val.getBytes(StandardCharsets.ISO_8859_1);
        writeLength(out, name.length);
        writeLength(out, value.length);
        out.write(name, 0, name.length);
        out.write(value, 0, value.length);
    }

    /** The pairs in {@code bytes}; a length running past the end is a {@link MalformedRecordException}. */
    static Map<String, String> decode(byte[] bytes) throws MalformedRecordException {
        Map<String, String> pairs = new LinkedHashMap<>();
        int[] pos = {0};
        while (pos[0] < bytes.length) {
            int nameLength = readLength(bytes, pos);
            int valueLength = readLength(bytes, pos);
            if (nameLength > bytes.length - pos[0] || valueLength > bytes.length - pos[0] - nameLength) {
                throw new MalformedRecordException("FastCGI name-value pair runs past the end of its record");
            }
            String name = new String(bytes, pos[0], nameLength, StandardCharsets.ISO_8859_1);
            String value = new String(bytes, pos[0] + nameLength, valueLength, StandardCharsets.ISO_8859_1);
            pos[0] += nameLength + valueLength;
            pairs.put(name, value);
        }
        return pairs;
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 128) {
            out.write(length);
        } else {
            out.write((length >>> 24) | 0x80);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }

    private static int readLength(byte[] b, int[] pos) throws MalformedRecordException {
        if (pos[0] >= b.length) {
            throw new MalformedRecordException("FastCGI name-value pair cut short");
        }
        int first = b[pos[0]] & 0xFF;
        if (first < 128) {
            pos[0]++;
            return first;
        }
        if (pos[0] + 4 > b.length) {
            throw new MalformedRecordException("FastCGI name-value pair length cut short");
        }
        int length = ((first & 0x7F) << 24) | ((b[pos[0] + 1] & 0xFF) << 16) | ((b[pos[0] + 2] & 0xFF) << 8) | (b[pos[0] + 3] & 0xFF);
        pos[0] += 4;
        return length;
    }
}
