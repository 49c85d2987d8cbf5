#!/usr/bin/env bash
# Search at national scale: tantivy (Kansli's index) against SQLite FTS5 on the same generated
# archive and the same 200 queries, at 10k, 100k and 1M paragraphs, on one core.
#   bench/search.sh                       # all three sizes (about 15 minutes)
#   KANSLI_BENCH_SIZES=10000,100000 bench/search.sh
# Writes the query set to bench/search-queries.json. See crates/search/benches/search.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p kansli-search --bench search --no-run
export KANSLI_BENCH_QUERIES_OUT="${KANSLI_BENCH_QUERIES_OUT:-$PWD/bench/search-queries.json}"
exec taskset -c 0 cargo bench -p kansli-search --bench search
