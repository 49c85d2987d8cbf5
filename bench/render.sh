#!/usr/bin/env bash
# Rendering speed: a 21-page protocol to PDF/A and to HTML with kansli-render (warm, median and
# p95), and LibreOffice converting the same document (Kansli's HTML) to PDF, side by side.
# Figures, not a pass/fail test; LibreOffice is installed here only if missing, never in CI.
#   bench/render.sh            # 30 warm runs of Kansli, 5 of LibreOffice
#   KANSLI_BENCH_RUNS=100 KANSLI_BENCH_LO_RUNS=10 bench/render.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${KANSLI_BENCH_RUNS:-30}"
lo_runs="${KANSLI_BENCH_LO_RUNS:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cargo bench -p kansli-render --bench render --no-run --quiet
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
echo "== kansli-render (release, one core)"
KANSLI_BENCH_OUT="$out" "${pin[@]}" cargo bench -p kansli-render --bench render --quiet -- "$runs"

if ! command -v soffice >/dev/null; then
    echo "== installing LibreOffice Writer (bench only)"
    apt-get install -y -qq libreoffice-writer-nogui >/dev/null 2>&1 || apt-get install -y -qq libreoffice-writer >/dev/null
fi
echo "== LibreOffice $(soffice --version | head -1 | cut -d' ' -f2): the same document's HTML to PDF, one process per conversion"
profile="$out/lo-profile"
times=()
for i in $(seq 0 "$lo_runs"); do
    start=$(date +%s%N)
    "${pin[@]}" soffice -env:UserInstallation="file://$profile" --headless --norestore \
        --convert-to pdf:writer_web_pdf_Export --outdir "$out/lo" "$out/protokoll.html" >/dev/null 2>&1
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ "$i" -eq 0 ]; then
        echo "libreoffice cold (first start, profile created): ${ms} ms"
    else
        times+=("$ms")
    fi
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
median=${sorted[$((n / 2))]}
p95=${sorted[$(( (n * 95 + 99) / 100 - 1 ))]}
pages=$(pdfinfo "$out/lo/protokoll.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
echo "libreoffice pdf: ${pages:-?} pages, median ${median} ms, p95 ${p95} ms over ${n} runs"
