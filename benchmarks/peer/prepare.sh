#!/usr/bin/env bash
# Copies the Hazelcast peer benchmark (../shared/peers/hazelcast-jcache-bench, read-only) to DIR
# (default /tmp/hazelcast-jcache-bench), adds an open-loop mode to the copy (open-loop.patch:
# rate=R, every operation due at a fixed interval and timed from when it was due, as
# `bin/dynamo bench --rate R` does), and builds it. Closed-loop runs (no rate=) are the peer's own.
#   benchmarks/peer/prepare.sh [DIR] && DIR/run-cluster.sh threads=16 ... rate=2000 json=hz.json
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
peer=${PEER:-$here/../../../shared/peers/hazelcast-jcache-bench}
dir=${1:-/tmp/hazelcast-jcache-bench}
[ -d "$peer" ] || { echo "no peer benchmark at $peer (set PEER=...)" >&2; exit 2; }
rm -rf "$dir"
cp -r "$peer" "$dir"
(cd "$dir" && patch -s -p1 < "$here/open-loop.patch" && ./build.sh)
echo "peer benchmark ready in $dir"
