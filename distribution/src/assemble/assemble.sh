#!/bin/sh
# Builds a jhttpd runtime image with jlink: a Java runtime holding exactly the named modules, plus
# conf/, htdocs/, logs/ and the bin/httpd launcher. Used by the distribution's package phase.
#   assemble.sh MODULE_DIR OUTPUT_DIR DIST_SRC_DIR ROOT_MODULES(comma-separated)
set -eu
modules=$1; out=$2; src=$3; roots=$4
jlink=${JAVA_HOME:+$JAVA_HOME/bin/}jlink
command -v "$jlink" >/dev/null 2>&1 || jlink=$(dirname "$(readlink -f "$(command -v java)")")/jlink
rm -rf "$out"
"$jlink" --module-path "$modules" --add-modules "$roots" --output "$out" \
    --strip-debug --no-header-files --no-man-pages --compress=2
cp "$src/conf/httpd.conf" "$src/conf/mime.types" "$out/conf/"
mkdir -p "$out/conf/conf.d" "$out/logs" "$out/htdocs"
cp -R "$src/htdocs/." "$out/htdocs/"
cp "$src/bin/httpd" "$out/bin/httpd"
chmod +x "$out/bin/httpd"
# Class-data sharing, so child processes start faster and share memory: the JDK's own archive
# (jlink leaves none), then one of the classes jhttpd loads to read and check its configuration
# (bin/httpd uses it when present; a JVM that cannot map it just starts without it).
"$out/bin/java" -Xshare:dump >/dev/null 2>&1 || echo "assemble.sh: no CDS archive for the JDK classes" >&2
"$out/bin/java" -XX:ArchiveClassesAtExit="$out/lib/jhttpd.jsa" -Djhttpd.root="$out" \
    -m io.jhttpd.kernel/io.jhttpd.kernel.launch.Main -t >/dev/null 2>&1 \
    || { echo "assemble.sh: no CDS archive for jhttpd's classes" >&2; rm -f "$out/lib/jhttpd.jsa"; }
