#!/usr/bin/env bash
# Parse throughput of kansli-import, pinned to one core: text parsing, PDF text extraction in
# Rust, and poppler's pdftotext on the same PDFs in the same run. Figures, not a pass/fail test.
#   bench/parse.sh                        # defaults: 8 MB of text, 20 rounds per PDF
#   KANSLI_BENCH_TEXT_MB=32 KANSLI_BENCH_PDF_ROUNDS=50 bench/parse.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v pdftotext >/dev/null || echo "note: pdftotext (poppler-utils) not installed; no reference figures" >&2

# KANSLI_BENCH_COLD_ONLY=1 skips (a)-(c) and measures only the cold starts (d) and (e).
if [ -z "${KANSLI_BENCH_COLD_ONLY:-}" ]; then
    # Build first, on all cores; then run only the benchmark pinned to core 0.
    cargo bench -p kansli-import --bench parse --no-run --quiet
    pin=()
    command -v taskset >/dev/null && pin=(taskset -c 0)
    "${pin[@]}" cargo bench -p kansli-import --bench parse --quiet
fi

# (d) Cold start: `kansli parse` as a user runs it once, on a six-line protocol and on an empty
# file (refused after reading, so it is the process without the parser's set-up), with
# `/bin/true` as the floor of starting any process; median of KANSLI_BENCH_COLD_RUNS (default 50)
# of wall time and of the process's CPU time (user + system, less disturbed by other load).
# KANSLI_BEFORE=path measures a second binary in the same run, interleaved, as "before".
if [ -z "${KANSLI_BIN:-}" ]; then
    cargo build --release -q -p kansli
    KANSLI_BIN="${CARGO_TARGET_DIR:-target}/release/kansli"
fi
empty="$(mktemp)"
trap 'rm -f "$empty"' EXIT
# (e) A whole PDF cold, as a user meets it: `kansli parse FILE` against `pdftotext -layout FILE -`,
# each as a process, for every PDF in the repo (the samples, the fixtures and the PDF cases),
# interleaved, median of KANSLI_BENCH_PDF_COLD_RUNS (default 15) of wall and CPU time, and the
# ratio (aim: ≤ 1.0 for every file); skipped without poppler's pdftotext.
python3 - "$KANSLI_BIN" bench/tiny-protocol.txt "$empty" "${KANSLI_BENCH_COLD_RUNS:-50}" "${KANSLI_BEFORE:-}" "${KANSLI_BENCH_PDF_COLD_RUNS:-15}" <<'PY'
import glob, os, shutil, statistics, sys, time
after, tiny, empty, runs, before = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
pdf_runs = int(sys.argv[6])
binaries = [("before", before), ("after", after)] if before else [("this binary", after)]

def run(argv):
    """Runs argv once; returns (wall ms, CPU ms of the child, its wait status)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    return (time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000, status

samples = {}
for _ in range(runs):
    samples.setdefault("true", []).append(run(["/bin/true"]))
    for label, binary in binaries:
        samples.setdefault((label, "empty"), []).append(run([binary, "parse", empty]))
        samples.setdefault((label, "tiny"), []).append(run([binary, "parse", tiny]))

def med(key, i):
    return statistics.median(s[i] for s in samples[key])

print(f"(d) cold `kansli parse`, median of {runs} runs (wall / CPU), load average {os.getloadavg()[0]:.1f}:")
print(f"    /bin/true {med('true', 0):.1f} / {med('true', 1):.1f} ms")
for label, binary in binaries:
    e, t = (label, "empty"), (label, "tiny")
    print(f"    {label} ({binary}): empty file {med(e, 0):.1f} / {med(e, 1):.1f} ms; "
          f"six-line protocol {med(t, 0):.1f} / {med(t, 1):.1f} ms; set-up of the parser "
          f"(six-line minus empty) {med(t, 0) - med(e, 0):.1f} / {med(t, 1) - med(e, 1):.1f} ms")

pdftotext = shutil.which("pdftotext")
if not pdftotext:
    sys.exit(0)
runs = pdf_runs
pdfs = sorted(set(glob.glob("../shared/samples/*.pdf") + glob.glob("crates/**/*.pdf", recursive=True)))
pdfs = [p for p in pdfs if "/target/" not in p]
print(f"(e) a whole PDF cold, median of {runs} runs, wall / CPU ms, ratio of wall times to pdftotext -layout; load average {os.getloadavg()[0]:.1f}")
head = "".join(f" | {label} wall / CPU | ratio" for label, _ in binaries)
print(f"    file | KB | pdftotext -layout wall / CPU{head}")
worst = {label: 0.0 for label, _ in binaries}
for pdf in pdfs:
    samples = {}
    failed = set()
    for _ in range(runs):
        samples.setdefault("ref", []).append(run([pdftotext, "-layout", pdf, "-"]))
        for label, binary in binaries:
            r = run([binary, "parse", pdf])
            if r[2] != 0:
                failed.add(label)
            samples.setdefault(label, []).append(r)
    line = f"    {os.path.basename(pdf)} | {os.path.getsize(pdf) // 1024} | {med('ref', 0):.1f} / {med('ref', 1):.1f}"
    for label, _ in binaries:
        ratio = med(label, 0) / med("ref", 0)
        worst[label] = max(worst[label], ratio)
        note = " (refused)" if label in failed else ""
        line += f" | {med(label, 0):.1f} / {med(label, 1):.1f}{note} | {ratio:.2f}"
    print(line)
for label, _ in binaries:
    print(f"    {label}: worst ratio {worst[label]:.2f} over {len(pdfs)} PDFs")
PY
