#!/usr/bin/env bash
# Starts nginx for a test: a fresh temporary prefix, a free loopback port, `daemon off`, access
# log off.
#   start-nginx.sh               nginx in the background; prints "PORT PID PREFIX" once it
#                                accepts connections. With WATCH_PID set, nginx is stopped (and
#                                the prefix removed) when that process goes away.
#   start-nginx.sh --foreground  prints "PORT PREFIX", then becomes nginx (exec), so the caller
#                                owns the process: it waits for readiness, stops it, and removes
#                                the prefix. If the port was taken meanwhile, nginx exits at once
#                                and the caller tries again.
set -euo pipefail
foreground=false
[ "${1:-}" = "--foreground" ] && foreground=true

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nginx_bin="${NGINX:-$(command -v nginx || true)}"
[ -x "$nginx_bin" ] || nginx_bin=/usr/sbin/nginx
if [ ! -x "$nginx_bin" ]; then
  echo "start-nginx: nginx is not installed (Debian: nginx-light)" >&2
  exit 77
fi

prefix="$(mktemp -d "${TMPDIR:-/tmp}/wirecheck-nginx.XXXXXX")"
# Worker processes may run as another user when started by root: they must read the files.
chmod 755 "$prefix"
mkdir -p "$prefix/html/dir"
printf 'hello from nginx\n' >"$prefix/html/index.html"
printf 'in a directory\n' >"$prefix/html/dir/index.html"
# 64 KiB of text: enough that gzip output is sent chunked.
yes 'wirecheck sample line' | head -c 65536 >"$prefix/html/big.txt" || true
chmod -R a+rX "$prefix/html"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

ready() {
  python3 - "$1" <<'PY'
import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.5).close()
except OSError:
    sys.exit(1)
PY
}

if $foreground; then
  port="$(free_port)"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$port|g" "$here/nginx.conf.in" >"$prefix/nginx.conf"
  echo "$port $prefix"
  exec "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" >"$prefix/stdout.log" 2>&1
fi

# The port may be taken between choosing it and nginx binding it: try a few.
for attempt in 1 2 3 4 5; do
  port="$(free_port)"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$port|g" "$here/nginx.conf.in" >"$prefix/nginx.conf"
  "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" >"$prefix/stdout.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 50); do
    if ready "$port"; then
      if [ -n "${WATCH_PID:-}" ]; then
        (
          while kill -0 "$WATCH_PID" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 1; done
          kill "$pid" 2>/dev/null || true
          sleep 1
          rm -rf "$prefix"
        ) >/dev/null 2>&1 </dev/null &
      fi
      echo "$port $pid $prefix"
      exit 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
echo "start-nginx: nginx did not start; its log:" >&2
cat "$prefix/error.log" "$prefix/stdout.log" >&2 2>/dev/null || true
rm -rf "$prefix"
exit 1
