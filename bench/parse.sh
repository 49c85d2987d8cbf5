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

# (d) Cold start: `kansli parse` as a user runs it once, on a six-line protocol and on an empty
# file (refused after reading, so it is the process without the parser's set-up), with
# `/bin/true` as the floor of starting any process; median of KANSLI_BENCH_COLD_RUNS (default 50).
cargo build --release -q -p kansli
bin="${CARGO_TARGET_DIR:-target}/release/kansli"
empty="$(mktemp)"
trap 'rm -f "$empty"' EXIT
python3 - "$bin" bench/tiny-protocol.txt "$empty" "${KANSLI_BENCH_COLD_RUNS:-50}" <<'PY'
import statistics, subprocess, sys, time
bin, tiny, empty, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def median_ms(argv):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
true_ms = median_ms(["/bin/true"])
empty_ms = median_ms([bin, "parse", empty])
tiny_ms = median_ms([bin, "parse", tiny])
print(f"(d) cold `kansli parse`, median of {runs} runs:")
print(f"    /bin/true {true_ms:.1f} ms; empty file {empty_ms:.1f} ms; six-line protocol {tiny_ms:.1f} ms")
print(f"    set-up of the parser (six-line minus empty): {tiny_ms - empty_ms:.1f} ms")
PY
