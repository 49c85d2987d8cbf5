#!/usr/bin/env bash
# Benchmark: import N generated protocols (default 10,000) into a fresh SQLite data directory.
# Prints, in one run: the reference (`cat` of the same files, i.e. what the disk and page cache
# give), then for each binary the wall time, protocols per second, peak RSS and CPU seconds (user +
# system) of `kansli import`, and the load average when each starts.
#
# Usage: bench/import.sh [N]
#   KANSLI_BIN=path      the binary to measure (default: build this tree's release binary)
#   KANSLI_BEFORE=path   a second binary measured in the same run first (e.g. main's), as "before"
#   KANSLI_DATABASE=url  import into this (empty) PostgreSQL database instead of SQLite; it is
#                        not emptied between the two binaries, so give only one binary then
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 bench/gen_protocols.py "$n" "$work/protocols"
if [ -z "${KANSLI_BIN:-}" ]; then
    cargo build --release -q -p kansli
    KANSLI_BIN="${CARGO_TARGET_DIR:-target}/release/kansli"
fi
python3 - "$work" "$n" "$KANSLI_BIN" "${KANSLI_BEFORE:-}" <<'PY'
import json, os, resource, subprocess, sys, time
work, n, after, before = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
protocols = os.path.join(work, "protocols")
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(protocols) for f in fs)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(protocols) for f in fs)

def run(argv, **kw):
    """Runs a child alone; returns (seconds, peak RSS in MB of that child, stdout, status,
    user + system CPU seconds of that child)."""
    r, w = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.dup2(w, 1)
        if kw.get("quiet"):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
        os.execvp(argv[0], argv)
    os.close(w)
    out = b""
    while chunk := os.read(r, 65536):
        out += chunk
    _, status, usage = os.wait4(pid, 0)
    secs = time.monotonic() - start
    return secs, usage.ru_maxrss / 1024, out, status, usage.ru_utime + usage.ru_stime

secs, _, _, _, _ = run(["sh", "-c", f"cat {protocols}/* > /dev/null"])
print(f"{n} protocols, {size / 1e6:.0f} MB of text")
print(f"  reference: cat of the same files: {secs:.2f} s")
runs = [("before", before), ("after", after)] if before else [("this binary", after)]
for label, binary in runs:
    data = os.path.join(work, f"data-{label}")
    load = os.getloadavg()[0]
    secs, rss, out, status, cpu = run([binary, "--data-dir", data, "import", "--json", protocols], quiet=True)
    summary = json.loads(out)
    backend = "PostgreSQL" if os.environ.get("KANSLI_DATABASE") else "SQLite"
    print(f"  {label} ({binary}): import into {backend}: {secs:.1f} s, {n / secs:.0f} protocols/s, "
          f"peak RSS {rss:.0f} MB, CPU (user + system) {cpu:.1f} s, load average at its start {load:.1f}")
    print(f"    imported {summary['imported']}, updated {summary['updated']}, "
          f"unchanged {summary['unchanged']}, failed {summary['failed']}")
PY
