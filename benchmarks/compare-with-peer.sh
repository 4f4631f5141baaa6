#!/usr/bin/env bash
# Alternated rounds against the Hazelcast peer, one line per run in $OUT (default /tmp/dynamo-compare.txt):
# closed loop of each mode in $MODES (plain, tls, hz; default all three) for $ROUNDS rounds (default 3), then,
# with OPEN_ROUNDS=K, open loop at 50 % and 80 % of the peer's median closed-loop rate, ours and the peer's
# alternated K times. Needs the peer prepared by benchmarks/peer/prepare.sh (HZ, default /tmp/hazelcast-jcache-bench)
# and bin/dynamo built. WARM (s, default 60: the bulk preload leaves the node JVMs cold, and 15 s of warm-up measured them still compiling), DUR (s, default 15), VALUE (bytes, default 100), HEDGE (node options,
# e.g. "--hedge-delay auto"). Example: ROUNDS=3 OPEN_ROUNDS=3 benchmarks/compare-with-peer.sh
set -u
main=$(cd "$(dirname "$0")/.." && pwd)
hz=${HZ:-/tmp/hazelcast-jcache-bench}
out=${OUT:-/tmp/dynamo-compare.txt}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
certs=$work/certs
dur=${DUR:-15}
warm=${WARM:-60}
cd "$main"
[ -x "$hz/run-cluster.sh" ] || { echo "no peer at $hz: run benchmarks/peer/prepare.sh first" >&2; exit 2; }
bin/dynamo admin certs --out "$certs" --cluster bench --nodes node --clients app > /dev/null
bench=(--threads 16 --duration "${dur}s" --warmup "${warm}s" --keys 100000 --value-size "${VALUE:-100}" --read-proportion 0.5)
tlsc=(--tls-cert "$certs/app.pem" --tls-key "$certs/app.key" --tls-ca "$certs/ca.pem")
record() { # mode round load
  python3 - "$@" "$work/last.json" >> "$out" <<'PY'
import json, sys, time
mode, i, load, path = sys.argv[1:5]
try:
    j = json.load(open(path))
except Exception as e:
    print(time.strftime('%T'), mode, i, 'load', load, 'FAILED', e); sys.exit()
a = j['all']
print(time.strftime('%T'), mode, 'round', i, 'load', load, 'ops/s', j['opsPerSec'], 'p50', a['p50'], 'p99', a['p99'], 'p99.9', a['p999'], 'max', a['max'])
PY
}
run() { # mode round [rate]
  local mode=$1 i=$2 rate=${3:-0} load r=()
  load=$(cut -d' ' -f1 /proc/loadavg); rm -f "$work/last.json"
  [ "$rate" != 0 ] && r=(--rate "$rate")
  case $mode in
    plain*) DYNAMO_NO_BUILD=1 NODE_ARGS="${HEDGE:-}" bin/bench-cluster "${bench[@]}" ${r[@]+"${r[@]}"} --json "$work/last.json" > "$work/$mode.log" 2>&1 ;;
    tls) DYNAMO_NO_BUILD=1 NODE_ARGS="${HEDGE:-} --tls-cert $certs/node.pem --tls-key $certs/node.key --tls-ca $certs/ca.pem" \
        bin/bench-cluster "${bench[@]}" "${tlsc[@]}" --json "$work/last.json" > "$work/$mode.log" 2>&1 ;;
    hz*) (cd "$hz" && ./run-cluster.sh threads=16 keys=100000 valueSize="${VALUE:-100}" warmupSec="$warm" durationSec="$dur" \
        backups=2 readPct=50 rate="$rate" json="$work/last.json" > "$work/$mode.log" 2>&1) ;;
  esac
  record "$mode${3:+@$3}" "$i" "$load"
}
for i in $(seq 1 "${ROUNDS:-3}"); do for m in ${MODES:-plain tls hz}; do run "$m" "$i"; done; done
if [ -n "${OPEN_ROUNDS:-}" ]; then
  hzmax=$(grep " hz round" "$out" | awk '{print $8}' | sort -n | awk '{a[NR]=$1} END {print int(a[int((NR+1)/2)])}')
  for pct in 50 80; do
    rate=$((hzmax * pct / 100))
    for i in $(seq 1 "$OPEN_ROUNDS"); do run plain-open "$i" "$rate"; run hz-open "$i" "$rate"; done
  done
fi
echo "figures in $out"
