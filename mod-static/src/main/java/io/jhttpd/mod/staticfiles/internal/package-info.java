/**
 * The static-file module's implementation: mod_mime's type checker, mod_dir's fixup, the core
 * default handler with its byte ranges, mod_autoindex's basic listings, as Apache httpd 2.4 has them,
 * and the open-file cache. Not exported; the kernel finds
 * {@link io.jhttpd.mod.staticfiles.internal.StaticModule} through {@code ServiceLoader}.
 *
 * <h2>Message IDs</h2>
 * Every warn/error line and every configuration error of this module carries one of these IDs
 * (Apache's equivalent in brackets):
 * <table>
 * <caption>mod-static message IDs</caption>
 * <tr><td>JH02001</td><td>file permissions deny server access (AH00132): the file could not be opened, 403</td></tr>
 * <tr><td>JH02002</td><td>file does not exist (AH00128, AH00130): info level, 404</td></tr>
 * <tr><td>JH02003</td><td>cannot serve something that is not a regular file (FIFO, device): 403</td></tr>
 * <tr><td>JH02004</td><td>cannot serve a directory without an index file (AH01276): 403</td></tr>
 * <tr><td>JH02005</td><td>could not open or read the TypesConfig file (AH01597): start-up fails</td></tr>
 * <tr><td>JH02006</td><td>invalid method in request (AH00133): 501</td></tr>
 * <tr><td>JH02007</td><td>attempt to serve a directory with POST or path info (AH00129): info level, 404</td></tr>
 * <tr><td>JH02008</td><td>a bad FileETag keyword or combination: configuration error</td></tr>
 * <tr><td>JH02009</td><td>a bad MaxRanges / MaxRangeOverlaps / MaxRangeReversals value: configuration error</td></tr>
 * <tr><td>JH02010</td><td>a bad OpenFileCache argument: configuration error</td></tr>
 * </table>
 */
package io.jhttpd.mod.staticfiles.internal;
