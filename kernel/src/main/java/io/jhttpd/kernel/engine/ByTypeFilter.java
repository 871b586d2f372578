package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * {@code AddOutputFilterByType}: stands at its filter's place in the chain and, when the first
 * brigade passes (the content type is known by then, even a script's), either becomes that filter
 * for the rest of the response or steps out.
 */
final class ByTypeFilter implements OutputFilter {

    private final OutputFilter.Factory factory;
    private final Set<String> types;
    private OutputFilter chosen;

    ByTypeFilter(OutputFilter.Factory factory, Set<String> types) {
        this.factory = factory;
        this.types = types;
    }

    @Override
    public void filter(Brigade brigade, Next next) throws IOException {
        if (chosen == null) {
            Request r = next.request();
            chosen = matches(r.contentType()) ? factory.create(r) : null;
            if (chosen == null) {
                next.removeSelf();
                next.pass(brigade);
                return;
            }
        }
        chosen.filter(brigade, next);
    }

    private boolean matches(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return types.contains(type);
    }
}
