/**
 * The HTTP/1.1 wire codec (RFC 9110/9112) the engine reads requests with and frames chunked
 * responses with: pure code on {@code ByteBuffer}s, so that every MPM shares it.
 *
 * <p>A connection reads a request as: {@link io.jhttpd.kernel.http.RequestParser#parse} until it
 * returns true, {@link io.jhttpd.kernel.http.BodyFraming#of} on the head, then the body (a
 * length, or {@link io.jhttpd.kernel.http.ChunkedDecoder}), then {@code reset()} and the next
 * request from the bytes left in the buffer. Any {@link io.jhttpd.kernel.http.BadRequestException}
 * is answered with its status and the connection closed.
 *
 * <p>Statuses are Apache 2.4's with its default {@code HttpProtocolOptions Strict}, checked
 * against a running Apache: malformed request or field line, bare CR or LF anywhere in the head,
 * more than ten empty lines before the request line, missing, repeated or malformed Host, invalid
 * framing: 400; request line over {@code LimitRequestLine}: 414; field line over
 * {@code LimitRequestFieldSize} or more than {@code LimitRequestFields} fields: 400 (not 431);
 * chunk size beyond 2<sup>63</sup>-1 or chunk-size line over {@code LimitRequestFieldSize}: 413.
 * Where Apache is lenient in ways that let a proxy in front and this server read one request
 * differently, this codec refuses instead: obs-fold (400), HTTP/0.9 request lines (400), HTTP
 * major versions 2 and up (505), Transfer-Encoding with Content-Length or in HTTP/1.0 (400),
 * chunked applied twice (400), transfer codings other than chunked (501).
 */
package io.jhttpd.kernel.http;
