/**
 * The {@code httpd.conf} reader: Apache configuration files in, a tree of
 * {@link io.jhttpd.kernel.config.ConfigNode}s out, with everything Apache does while reading
 * (includes, {@code Define} and {@code ${VAR}}, {@code <IfDefine>}/{@code <IfModule>} and the
 * other conditional sections, {@code ServerRoot}, {@code LoadModule}) already done.
 * {@link io.jhttpd.kernel.config.ConfigReader} is the entry point.
 */
package io.jhttpd.kernel.config;
