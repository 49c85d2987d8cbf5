#!/usr/bin/env bash
# Benchmark: SQLite against PostgreSQL, side by side in one run. Imports N generated protocols
# (default 10,000) through `kansli import` into each backend, then loads the main pages of
# `kansli serve` over loopback (requests/s, p50/p99). PostgreSQL is a throwaway cluster
# (kansli-testpg). The reference in the same run: the same pages' bytes, saved once, served by
# nginx (if installed: `apt-get install nginx-light`) and by `python3 -m http.server` under the
# same load, with each page's throughput printed as a share of theirs; the load average is
# printed at the start and the end. Usage: bench/backends.sh [N] [SECONDS_PER_PAGE] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
seconds="${2:-10}"
connections="${3:-4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 bench/gen_protocols.py "$n" "$work/protocols"
cargo build --release -q -p kansli
cargo build --release -q -p kansli-testpg --example bench_backends
target="${CARGO_TARGET_DIR:-target}/release"
"$target/examples/bench_backends" "$target/kansli" "$work/protocols" "$seconds" "$connections"
