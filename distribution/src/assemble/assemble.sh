#!/bin/sh
# Builds a jhttpd runtime image with jlink: a Java runtime holding exactly the named modules, plus
# conf/, htdocs/, logs/ and the bin/httpd and bin/rotatelogs launchers. Used by the distribution's package phase.
#   assemble.sh MODULE_DIR OUTPUT_DIR DIST_SRC_DIR ROOT_MODULES(comma-separated)
set -eu
modules=$1; out=$2; src=$3; roots=$4
jlink=${JAVA_HOME:+$JAVA_HOME/bin/}jlink
command -v "$jlink" >/dev/null 2>&1 || jlink=$(dirname "$(readlink -f "$(command -v java)")")/jlink
rm -rf "$out"
# native debug symbols are most of libjvm.so's size; jlink strips them with objcopy (binutils)
strip_native=""
command -v objcopy >/dev/null 2>&1 && strip_native="--strip-native-debug-symbols=exclude-debuginfo-files"
"$jlink" --module-path "$modules" --add-modules "$roots" --output "$out" \
    --strip-debug $strip_native --no-header-files --no-man-pages --compress=2
# the symbol tables of the JDK's native libraries serve only crash reports: a fifth of libjvm.so
if command -v strip >/dev/null 2>&1; then
    find "$out/lib" -name '*.so' -exec strip --strip-unneeded {} +
fi
cp "$src/conf/httpd.conf" "$src/conf/mime.types" "$out/conf/"
mkdir -p "$out/conf/conf.d" "$out/logs" "$out/htdocs"
cp -R "$src/htdocs/." "$out/htdocs/"
cp "$src/bin/httpd" "$src/bin/httpdctl" "$src/bin/rotatelogs" "$out/bin/"
chmod +x "$out/bin/httpd" "$out/bin/httpdctl" "$out/bin/rotatelogs"
# A class-data sharing archive of the classes a start-up loads (JDK and jhttpd alike), listed by
# a configuration test of the shipped httpd.conf: start-up maps them instead of parsing them.
classes=$(mktemp)
if "$out/bin/java" -Xshare:off -XX:DumpLoadedClassList="$classes" -Djhttpd.root="$out" \
        -m io.jhttpd.kernel/io.jhttpd.kernel.launch.Main -t >/dev/null 2>&1; then
    "$out/bin/java" -Xshare:dump -XX:SharedClassListFile="$classes" -XX:SharedArchiveFile="$out/lib/server/jhttpd.jsa" \
        -m io.jhttpd.kernel/io.jhttpd.kernel.launch.Main -v >/dev/null 2>&1 || rm -f "$out/lib/server/jhttpd.jsa"
fi
rm -f "$classes"
