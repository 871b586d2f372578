#!/bin/bash
# Serves one 1 KiB file from jhttpd (the image), nginx and Apache httpd in turn, on loopback, and
# loads each with the same wrk run (keep-alive). Prints requests/s, the ratio to jhttpd, and server
# CPU time per request (user+sys of the server's processes over the run, from /proc).
#   bench/static-1k.sh [wrk args]      default: -t1 -c50 -d10s
# Needs: wrk, nginx, apache2 (apt-get install wrk nginx-light apache2) and a built image.
set -eu
args=${*:--t1 -c50 -d10s}
here=$(cd "$(dirname "$0")/.." && pwd)
img=$here/distribution/target/jhttpd
work=$(mktemp -d /tmp/jhttpd-bench.XXXXXX)
trap 'pkill -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/htdocs" "$work/logs"
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/htdocs/1k.txt"

cpu_ticks() { # total utime+stime of the processes whose command line mentions $work, and their children
    local t=0 pids
    pids=$(pgrep -f "$work" || true)
    for p in $pids; do pids="$pids $(pgrep -P "$p" || true)"; done
    for p in $(echo $pids | tr ' ' '\n' | sort -u); do
        [ -r /proc/$p/stat ] || continue
        set -- $(sed 's/.*) //' /proc/$p/stat)
        t=$((t + ${12} + ${13}))
    done
    echo $t
}

measure() { # name url
    local name=$1 url=$2
    for _ in $(seq 100); do curl -s -o /dev/null "$url" && break; sleep 0.05; done
    wrk -t1 -c10 -d2s "$url" >/dev/null    # warm-up (JIT, caches)
    local before; before=$(cpu_ticks)
    local out; out=$(wrk $args "$url")
    local after; after=$(cpu_ticks)
    local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    local reqs; reqs=$(echo "$out" | awk '/requests in/ {print $1}')
    local hz; hz=$(getconf CLK_TCK)
    local us; us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$reqs" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
    echo "$name $rps $us"
}

port=18181
sed -e "s#Listen 127.0.0.1:8080#Listen 127.0.0.1:$port#" -e "s#DocumentRoot \"htdocs\"#DocumentRoot \"$work/htdocs\"#" \
    -e "s#<Directory \"htdocs\">#<Directory \"$work/htdocs\">#" -e "s#logs/#$work/logs/#g" \
    "$img/conf/httpd.conf" > "$work/jhttpd.conf"
"$img/bin/httpd" -X -f "$work/jhttpd.conf" > "$work/jhttpd.out" 2>&1 &
jh=$(measure jhttpd "http://127.0.0.1:$port/1k.txt")
pkill -f "$work/jhttpd.conf"; sleep 1

cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log $work/logs/nginx-access.log;
    sendfile on;
    keepalive_requests 100;
    server { listen 127.0.0.1:$((port+1)); root $work/htdocs; }
}
NGINX
nginx -c "$work/nginx.conf" -g 'daemon off;' &
ng=$(measure nginx "http://127.0.0.1:$((port+1))/1k.txt")
pkill -f "$work/nginx.conf"; sleep 1

cat > "$work/apache.conf" <<APACHE
Listen 127.0.0.1:$((port+2))
ServerName localhost
DocumentRoot "$work/htdocs"
<Directory "$work/htdocs">
    Require all granted
</Directory>
LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog "$work/logs/apache-access.log" common
APACHE
APACHE_MPM=worker TMPDIR=$work "${APACHE_ORACLE:-$here/../shared/tools/apache-oracle}" -X -f "$work/apache.conf" &
ap=$(measure apache-worker "http://127.0.0.1:$((port+2))/1k.txt")
pkill -f "$work/apache" ; sleep 1

echo "wrk $args, 1 KiB file, keep-alive, access log on; $(nproc) cores"
printf '%-14s %12s %10s %16s\n' server requests/s ratio "CPU us/request"
jrps=$(echo "$jh" | awk '{print $2}')
for line in "$jh" "$ng" "$ap"; do
    set -- $line
    printf '%-14s %12s %10s %16s\n' "$1" "$2" "$(awk -v a="$2" -v b="$jrps" 'BEGIN {printf "%.2f", a / b}')" "$3"
done
