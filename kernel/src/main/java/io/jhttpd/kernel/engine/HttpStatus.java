package io.jhttpd.kernel.engine;

/** Reason phrases and Apache's canned error texts for HTTP status codes. */
final class HttpStatus {

    private static final String[] REASONS = new String[600];

    static {
        r(100, "Continue");
        r(101, "Switching Protocols");
        r(102, "Processing");
        r(103, "Early Hints");
        r(200, "OK");
        r(201, "Created");
        r(202, "Accepted");
        r(203, "Non-Authoritative Information");
        r(204, "No Content");
        r(205, "Reset Content");
        r(206, "Partial Content");
        r(207, "Multi-Status");
        r(300, "Multiple Choices");
        r(301, "Moved Permanently");
        r(302, "Found");
        r(303, "See Other");
        r(304, "Not Modified");
        r(305, "Use Proxy");
        r(307, "Temporary Redirect");
        r(308, "Permanent Redirect");
        r(400, "Bad Request");
        r(401, "Unauthorized");
        r(402, "Payment Required");
        r(403, "Forbidden");
        r(404, "Not Found");
        r(405, "Method Not Allowed");
        r(406, "Not Acceptable");
        r(407, "Proxy Authentication Required");
        r(408, "Request Timeout");
        r(409, "Conflict");
        r(410, "Gone");
        r(411, "Length Required");
        r(412, "Precondition Failed");
        r(413, "Request Entity Too Large");
        r(414, "Request-URI Too Long");
        r(415, "Unsupported Media Type");
        r(416, "Requested Range Not Satisfiable");
        r(417, "Expectation Failed");
        r(421, "Misdirected Request");
        r(422, "Unprocessable Entity");
        r(426, "Upgrade Required");
        r(428, "Precondition Required");
        r(429, "Too Many Requests");
        r(431, "Request Header Fields Too Large");
        r(451, "Unavailable For Legal Reasons");
        r(500, "Internal Server Error");
        r(501, "Not Implemented");
        r(502, "Bad Gateway");
        r(503, "Service Unavailable");
        r(504, "Gateway Timeout");
        r(505, "HTTP Version Not Supported");
        r(506, "Variant Also Negotiates");
        r(507, "Insufficient Storage");
        r(508, "Loop Detected");
        r(510, "Not Extended");
        r(511, "Network Authentication Required");
    }

    private static void r(int code, String reason) {
        REASONS[code] = reason;
    }

    private HttpStatus() {
    }

    /** The reason phrase, or a generic one for the status class. */
    static String reason(int status) {
        String r = status >= 0 && status < REASONS.length ? REASONS[status] : null;
        if (r != null) {
            return r;
        }
        return status < 200 ? "Informational" : status < 300 ? "OK" : status < 400 ? "Redirection"
                : status < 500 ? "Client Error" : "Server Error";
    }

    /** True if the status forbids a body (1xx, 204, 304). */
    static boolean forbidsBody(int status) {
        return status < 200 || status == 204 || status == 304;
    }

    /** Statuses after which Apache closes the connection ({@code ap_status_drops_connection}). */
    static boolean dropsConnection(int status) {
        switch (status) {
            case 400:
            case 408:
            case 411:
            case 413:
            case 414:
            case 417:
            case 500:
            case 501:
            case 503:
                return true;
            default:
                return false;
        }
    }

    /** The explanation paragraph of Apache's canned error page (HTML, with {@code uri} escaped). */
    static String explanation(int status, String uri, String method, String location) {
        String u = Html.escape(uri);
        switch (status) {
            case 301:
            case 302:
            case 303:
            case 307:
            case 308:
                return "<p>The document has moved <a href=\"" + Html.escape(location == null ? "" : location) + "\">here</a>.</p>\n";
            case 400:
                return "<p>Your browser sent a request that this server could not understand.<br />\n</p>\n";
            case 401:
                return "<p>This server could not verify that you\nare authorized to access the document\nrequested.  Either you supplied the wrong\ncredentials (e.g., bad password), or your\nbrowser doesn't understand how to supply\nthe credentials required.</p>\n";
            case 403:
                return "<p>You don't have permission to access this resource.</p>\n";
            case 404:
                return "<p>The requested URL was not found on this server.</p>\n";
            case 405:
                return "<p>The requested method " + Html.escape(method) + " is not allowed for this URL.</p>\n";
            case 408:
                return "<p>Server timeout waiting for the HTTP request from the client.</p>\n";
            case 410:
                return "<p>The requested resource is no longer available on this server and there is no forwarding address.\nPlease remove all references to this resource.</p>\n";
            case 411:
                return "<p>A request of the requested method " + Html.escape(method) + " requires a valid Content-length.<br />\n</p>\n";
            case 412:
                return "<p>The precondition on the request for this URL evaluated to false.</p>\n";
            case 413:
                return "The requested resource does not allow request data with " + Html.escape(method)
                        + " requests, or the amount of data provided in\nthe request exceeds the capacity limit.\n";
            case 414:
                return "<p>The requested URL's length exceeds the capacity\nlimit for this server.<br />\n</p>\n";
            case 415:
                return "<p>The supplied request data is not in a format\nacceptable for processing by this resource.</p>\n";
            case 416:
                return "<p>None of the range-specifier values in the Range\nrequest-header field overlap the current extent\nof the selected resource.</p>\n";
            case 417:
                return "<p>The expectation given in the Expect request-header\nfield could not be met by this server.\nThe client sent<pre>\n    Expect: </pre>\n</p><p>Only the 100-continue expectation is supported.</p>\n";
            case 431:
                return "<p>Your browser sent a request that this server could not understand.<br />\n</p>\n";
            case 500:
                return "<p>The server encountered an internal error or\nmisconfiguration and was unable to complete\nyour request.</p>\n<p>Please contact the server administrator at \n [no address given] to inform them of the time this error occurred,\n and the actions you performed just before this error.</p>\n<p>More information about this error may be available\nin the server error log.</p>\n";
            case 501:
                return "<p>" + Html.escape(method) + " not supported for current URL.<br />\n</p>\n";
            case 502:
                return "<p>The proxy server received an invalid\nresponse from an upstream server.<br />\n</p>\n";
            case 503:
                return "<p>The server is temporarily unable to service your\nrequest due to maintenance downtime or capacity\nproblems. Please try again later.</p>\n";
            case 504:
                return "<p>The gateway did not receive a timely response\nfrom the upstream server or application.</p>\n";
            case 505:
                return "<p>The server does not support the HTTP protocol version used in the request.</p>\n";
            default:
                return "<p>The server encountered an error (" + status + ") while handling " + u + ".</p>\n";
        }
    }
}
