package io.jhttpd.api;

/** The {@code AcceptPathInfo} setting: may a request carry path info after a file name? */
public enum AcceptPathInfo {
    /** The handler decides (the static-file handler refuses with 404, scripts accept). */
    DEFAULT,
    /** Accepted whenever a leading part of the path is a file. */
    ON,
    /** Refused with 404. */
    OFF
}
