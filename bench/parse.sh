#!/usr/bin/env bash
# Parse throughput of kansli-import, pinned to one core: text parsing, PDF text extraction in
# Rust, and poppler's pdftotext on the same PDFs in the same run. Figures, not a pass/fail test.
#   bench/parse.sh                        # defaults: 8 MB of text, 20 rounds per PDF
#   KANSLI_BENCH_TEXT_MB=32 KANSLI_BENCH_PDF_ROUNDS=50 bench/parse.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v pdftotext >/dev/null || echo "note: pdftotext (poppler-utils) not installed; no reference figures" >&2

# Build first, on all cores; then run only the benchmark pinned to core 0.
cargo bench -p kansli-import --bench parse --no-run --quiet
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
"${pin[@]}" cargo bench -p kansli-import --bench parse --quiet
