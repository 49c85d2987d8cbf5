#!/usr/bin/env bash
# Benchmark: import N generated protocols (default 10,000) into a fresh SQLite data directory.
# Prints wall time and protocols per second. Usage: bench/import.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 bench/gen_protocols.py "$n" "$work/protocols"
cargo build --release -q -p kansli
bin="${CARGO_TARGET_DIR:-target}/release/kansli"
size=$(du -sm "$work/protocols" | cut -f1)
start=$(date +%s.%N)
"$bin" --data-dir "$work/data" import --json "$work/protocols" > "$work/summary.json" || true
end=$(date +%s.%N)
python3 - "$start" "$end" "$n" "$size" "$work/summary.json" <<'PY'
import json, sys
start, end, n, size, summary = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], json.load(open(sys.argv[5]))
secs = end - start
print(f"import of {n} protocols ({size} MB of text) into SQLite: {secs:.1f} s, {n/secs:.0f} protocols/s")
print(f"  imported {summary['imported']}, updated {summary['updated']}, unchanged {summary['unchanged']}, failed {summary['failed']}")
PY
