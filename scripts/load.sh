#!/usr/bin/env bash
# Load test of `hotline serve` on loopback: 32 concurrent connections for 20 s against /api/check, then
# against /api/audit (wrk, from Debian's `wrk` package). Prints requests/s, p50/p99 latency and the error
# count (non-2xx responses and socket errors), and exits 1 if there was any error.
#   scripts/load.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
conns=${2:-32}
command -v wrk >/dev/null || { echo "load.sh needs wrk: apt-get install wrk" >&2; exit 2; }
bin=target/release/hotline
[ -x "$bin" ] || cargo build --release --bin hotline
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --addr "127.0.0.1:$port" --no-config 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
tmp=$(mktemp -d)
# A pasted message, in my own words: five numbers, an address, a little prose (~400 bytes).
cat > "$tmp/audit.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
wrk.body = [[Dear customer, your JD.com parcel is held at customs. To release it call our customer
service hotline 400-606-5500 (24 hours) or the refunds desk on 400-656-0055. Overseas customers may
ring +86 21 5339 5288. You can also write to kefu@jd-support.com with your order number. This is a
free call. Reply within 24 hours or the parcel is returned. 京东客服热线：950618，投诉电话 400-606-7733。]]
LUA
failed=0
run() {
    local name=$1; shift
    echo "== $name: $conns connections, ${secs}s"
    nice wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" | tee "$tmp/$name.out"
    if grep -qE "Non-2xx|Socket errors" "$tmp/$name.out"; then failed=1; fi
}
run check "http://127.0.0.1:$port/api/check?value=400-656-0055"
run audit -s "$tmp/audit.lua" "http://127.0.0.1:$port/api/audit"
rm -rf "$tmp"
if [ $failed -ne 0 ]; then echo "load: errors (see above)"; exit 1; fi
echo "load: 0 errors"
