package io.jhttpd.mod.include.internal;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.OutputFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A host with fixed variables, fixed time, and includes answered from a map (the kernel's part is tested end to end). */
final class FakeHost implements SsiHost {

    static final long NOW = 1_700_000_000_000L;
    final Map<String, String> vars = new LinkedHashMap<>();
    final Map<String, String> documents = new LinkedHashMap<>();
    final List<String> errors = new ArrayList<>();
    boolean execAllowed = true;

    FakeHost() {
        vars.put("DOCUMENT_URI", "/dir/page.shtml");
        vars.put("DOCUMENT_NAME", "page.shtml");
    }

    @Override
    public String variable(String name) {
        return vars.get(name);
    }

    @Override
    public void setVariable(String name, String value) {
        vars.put(name, value);
    }

    @Override
    public Map<String, String> variables() {
        return vars;
    }

    @Override
    public long now() {
        return NOW;
    }

    @Override
    public long lastModified() {
        return NOW - 86_400_000L;
    }

    @Override
    public FileFacts stat(String path, boolean virtual) {
        String doc = documents.get(virtual ? path : "/dir/" + path);
        return doc == null ? null : new FileFacts(doc.length(), NOW - 3_600_000L);
    }

    @Override
    public int include(String uri, OutputFilter.Next into) throws java.io.IOException {
        String doc = documents.get(uri);
        if (doc == null) {
            return 404;
        }
        into.pass(Brigade.of(Bucket.data(doc)));
        return 0;
    }

    @Override
    public boolean execAllowed() {
        return execAllowed;
    }

    @Override
    public boolean exec(String command, OutputFilter.Next into) throws java.io.IOException {
        into.pass(Brigade.of(Bucket.data("ran " + command)));
        return true;
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }
}
