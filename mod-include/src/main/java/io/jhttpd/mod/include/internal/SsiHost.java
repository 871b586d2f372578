package io.jhttpd.mod.include.internal;

import io.jhttpd.api.OutputFilter;
import java.io.IOException;
import java.util.Map;

/** What an SSI document may reach outside itself: the request's variables, other URIs, files, commands. */
interface SsiHost {

    /** A variable's value (request, CGI or set by the page), or {@code null}; not the time-dependent ones. */
    String variable(String name);

    /** Sets a variable for the rest of the page and what it includes. */
    void setVariable(String name, String value);

    /** Every variable, in order, for {@code printenv}. */
    Map<String, String> variables();

    /** Now, in milliseconds since the epoch. */
    long now();

    /** The document's modification time, or -1 if unknown. */
    long lastModified();

    /** Size and modification time of the file named by a {@code file=} (relative) or {@code virtual=} (URI) argument. */
    record FileFacts(long size, long lastModified) {
    }

    /** The facts about {@code path}, or {@code null} (with the reason logged) if it cannot be used. */
    FileFacts stat(String path, boolean virtual);

    /** Runs {@code uri} as a sub-request whose body goes to {@code into}; 0 or the HTTP status it failed with. */
    int include(String uri, OutputFilter.Next into) throws IOException;

    /** True if {@code exec} is allowed ({@code Options Includes}, not {@code IncludesNOEXEC}). */
    boolean execAllowed();

    /** Runs a shell command, its standard output going to {@code into}; false (logged) if it could not run. */
    boolean exec(String command, OutputFilter.Next into) throws IOException;

    /** Logs why an element failed (the page shows the error message). */
    void error(String message);
}
